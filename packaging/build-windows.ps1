<#
.SYNOPSIS
  Build the Windows installer of fazhi-desktop on a Windows build machine (64-bit Windows 10/11).

.DESCRIPTION
  1. a build venv (packaging\build\venv) with the program's dependencies from pyproject.toml and PyInstaller;
  2. the PyInstaller onedir bundle packaging\dist\fazhi-desktop\ with two executables:
     fazhi-desktop.exe (windowed: no console window) and fazhi-desktop-cli.exe (console: the verbs);
  3. a smoke test of the bundle (plan list, an offscreen screenshot of the window);
  4. the installer packaging\dist\fazhi-desktop-<version>-setup.exe, made by NSIS from
     packaging\windows\installer.nsi (per-user, no administrator rights, Simplified Chinese).

  Needs: Python 3.11 or newer, 64-bit, from python.org (the "py" launcher is used when present), and
  NSIS 3 (makensis on PATH or in its default folder). No network is needed once the wheels are available
  to pip (a local index or --find-links in pip.ini works).

  This file is kept ASCII-only on purpose: Windows PowerShell 5.1 reads a .ps1 without BOM in the
  system code page.

.EXAMPLE
  powershell -ExecutionPolicy Bypass -File packaging\build-windows.ps1
.EXAMPLE
  powershell -ExecutionPolicy Bypass -File packaging\build-windows.ps1 -SkipBundle   # installer only
#>
[CmdletBinding()]
param(
  [string]$Python = "",          # e.g. C:\Python311\python.exe; default: py -3, else python
  [switch]$SkipBundle,           # reuse packaging\dist\fazhi-desktop and only build the installer
  [string]$Makensis = ""         # path to makensis.exe; default: PATH, then Program Files
)
$ErrorActionPreference = "Stop"
Set-StrictMode -Version Latest

$Here = Split-Path -Parent $MyInvocation.MyCommand.Path
$Root = Split-Path -Parent $Here
$Build = Join-Path $Here "build"
$Dist = Join-Path $Here "dist"
$Bundle = Join-Path $Dist "fazhi-desktop"
$Venv = Join-Path $Build "venv"
$VenvPy = Join-Path $Venv "Scripts\python.exe"

function Invoke-Native {
  # Run a program and stop when it fails (PowerShell does not do that by itself for .exe files).
  param([string]$Exe, [string[]]$Arguments)
  & $Exe @Arguments
  if ($LASTEXITCODE -ne 0) { throw "failed ($LASTEXITCODE): $Exe $($Arguments -join ' ')" }
}

function Step([string]$Text) { Write-Host ""; Write-Host "== $Text" -ForegroundColor Cyan }

New-Item -ItemType Directory -Force -Path $Build, $Dist | Out-Null

if (-not $SkipBundle) {
  Step "build venv: $Venv"
  $t0 = Get-Date
  if (-not (Test-Path $VenvPy)) {
    if ($Python) {
      Invoke-Native $Python @("-m", "venv", $Venv)
    } elseif (Get-Command py -ErrorAction SilentlyContinue) {
      Invoke-Native "py" @("-3", "-m", "venv", $Venv)
    } else {
      Invoke-Native "python" @("-m", "venv", $Venv)
    }
  }
  Invoke-Native $VenvPy @("-c", "import sys, struct; assert sys.version_info >= (3, 11), 'Python 3.11+ needed'; assert struct.calcsize('P') == 8, '64-bit Python needed'")
  $deps = & $VenvPy -c "import sys, tomllib; print('\n'.join(tomllib.load(open(sys.argv[1], 'rb'))['project']['dependencies']))" (Join-Path $Root "pyproject.toml")
  if ($LASTEXITCODE -ne 0) { throw "cannot read pyproject.toml" }
  Invoke-Native $VenvPy (@("-m", "pip", "install", "-q", "--disable-pip-version-check") + $deps + @("pyinstaller>=6.10,<7"))
  Invoke-Native $VenvPy @("-c", "import PySide6, PyInstaller; print('PySide6', PySide6.__version__, '- PyInstaller', PyInstaller.__version__)")
  Write-Host ("venv ready in {0:N0} s" -f ((Get-Date) - $t0).TotalSeconds)

  Step "PyInstaller onedir bundle"
  $t0 = Get-Date
  Push-Location $Root
  try {
    Invoke-Native $VenvPy @("-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
      "--distpath", $Dist, "--workpath", (Join-Path $Build "pyi"), (Join-Path $Here "fazhi-desktop.spec"))
  } finally { Pop-Location }
  $size = (Get-ChildItem $Bundle -Recurse -File | Measure-Object Length -Sum).Sum / 1MB
  Write-Host ("bundle built in {0:N0} s: {1:N0} MB" -f ((Get-Date) - $t0).TotalSeconds, $size)

  Step "self-test of the bundle (fazhi-desktop-cli.exe --self-test)"
  $env:QT_QPA_PLATFORM = "offscreen"
  try {
    $cli = Join-Path $Bundle "fazhi-desktop-cli.exe"
    Invoke-Native $cli @("--version")
    Invoke-Native $cli @("--self-test")
  } finally {
    Remove-Item Env:\QT_QPA_PLATFORM -ErrorAction SilentlyContinue
  }
}

foreach ($exe in @("fazhi-desktop.exe", "fazhi-desktop-cli.exe")) {
  if (-not (Test-Path (Join-Path $Bundle $exe))) { throw "$exe missing in $Bundle (build without -SkipBundle)" }
}

Step "NSIS installer"
if (-not $Makensis) {
  $cmd = Get-Command makensis -ErrorAction SilentlyContinue
  $candidates = @()
  if ($cmd) { $candidates += $cmd.Source }
  $candidates += @("${env:ProgramFiles(x86)}\NSIS\makensis.exe", "$env:ProgramFiles\NSIS\makensis.exe")
  $Makensis = $candidates | Where-Object { $_ -and (Test-Path $_) } | Select-Object -First 1
  if (-not $Makensis) { throw "makensis.exe not found: install NSIS 3 (https://nsis.sourceforge.io) or pass -Makensis" }
}
$version = & $VenvPy -c "import sys, tomllib; print(tomllib.load(open(sys.argv[1], 'rb'))['project']['version'])" (Join-Path $Root "pyproject.toml")
$icon = Join-Path $Build "icons\fazhi-desktop.ico"
$setup = Join-Path $Dist "fazhi-desktop-$version-setup.exe"
$t0 = Get-Date
Invoke-Native $Makensis @("/V2", "/WX", "/INPUTCHARSET", "UTF8", "/DVERSION=$version", "/DDIST_DIR=$Bundle",
  "/DICON=$icon", "/DOUTFILE=$setup", (Join-Path $Here "windows\installer.nsi"))
Write-Host ("installer built in {0:N0} s: {1} ({2:N0} MB)" -f ((Get-Date) - $t0).TotalSeconds, $setup, ((Get-Item $setup).Length / 1MB))

Step "portable zip (program and data on a USB stick)"
# The marker file beside the executable makes the program keep its data in fazhi-data\ beside itself.
$portName = "fazhi-desktop-$version-portable"
$portStage = Join-Path $Build $portName
Remove-Item -Recurse -Force $portStage -ErrorAction SilentlyContinue
New-Item -ItemType Directory -Force -Path $portStage | Out-Null
Copy-Item -Recurse $Bundle (Join-Path $portStage "fazhi-desktop")
$marker = "This file makes the program portable: all data are kept in the fazhi-data folder beside it.`r`n" +
  "Delete it to keep the data in %LOCALAPPDATA%\fazhi-desktop instead.`r`n"
[System.IO.File]::WriteAllText((Join-Path $portStage "fazhi-desktop\fazhi-desktop-portable.txt"), $marker)
$zip = Join-Path $Dist "$portName.zip"
Remove-Item -Force $zip -ErrorAction SilentlyContinue
Compress-Archive -Path (Join-Path $portStage "fazhi-desktop") -DestinationPath $zip
Write-Host ("portable zip: {0} ({1:N0} MB)" -f $zip, ((Get-Item $zip).Length / 1MB))
