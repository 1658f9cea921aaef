@echo off
rem Build the Windows installer: runs build-windows.ps1 with PowerShell (see that file and docs\packaging.md).
rem Usage: packaging\build-windows.bat [-SkipBundle] [-Python C:\Python311\python.exe]
powershell -NoProfile -ExecutionPolicy Bypass -File "%~dp0build-windows.ps1" %*
exit /b %ERRORLEVEL%
