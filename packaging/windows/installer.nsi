; fazhi-desktop · Windows installer (NSIS 3, Unicode, Simplified Chinese, per user, no administrator).
;
; Packs the PyInstaller onedir folder (packaging\dist\fazhi-desktop) into one setup .exe. A clerk without
; administrator rights installs it into %LOCALAPPDATA%\Programs\fazhi-desktop and gets a Start-menu
; shortcut "法治政府建设自查" (and, by default, one on the desktop). Data are never inside the program
; folder: they live in %LOCALAPPDATA%\fazhi-desktop (or wherever --data-dir points), and uninstalling
; leaves them alone.
;
;   makensis -INPUTCHARSET UTF8 -DVERSION=0.1.0 -DDIST_DIR=..\dist\fazhi-desktop ^
;            -DICON=..\build\icons\fazhi-desktop.ico -DOUTFILE=..\dist\fazhi-desktop-0.1.0-setup.exe installer.nsi
;
; packaging\build-windows.ps1 runs this with the right values. Relative paths are relative to this file.

; 32-bit installer by default so that on a 32-bit or too old Windows it can still start and say plainly why it
; stops (the program itself is 64-bit: PySide6 6 needs 64-bit Windows 10 or newer). -DTARGET=amd64-unicode
; builds a 64-bit installer instead (that is what the wine64 test in docs/packaging.md runs).
!ifdef TARGET
  Target "${TARGET}"
!else
  Target x86-unicode
!endif
Unicode true
ManifestDPIAware true
RequestExecutionLevel user
SetCompressor /SOLID lzma

!ifndef VERSION
  !error "VERSION is not defined (-DVERSION=x.y.z)"
!endif
!ifndef DIST_DIR
  !define DIST_DIR "..\dist\fazhi-desktop"
!endif
!ifndef OUTFILE
  !define OUTFILE "..\dist\fazhi-desktop-${VERSION}-setup.exe"
!endif

!define APP_ID "fazhi-desktop"
!define APP_NAME "法治政府建设自查"
!define APP_EXE "fazhi-desktop.exe"
!define CLI_EXE "fazhi-desktop-cli.exe"
!define PUBLISHER "fazhi-desktop"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"
; Package files are ZIPs: the installer adds the program to the "打开方式" list of .zip files (a ProgID in
; OpenWithProgids) instead of taking over every ZIP file on the machine.
!define PROGID "fazhi-desktop.package"
!define DATA_DIR "$LOCALAPPDATA\${APP_ID}"

Name "${APP_NAME}"
Caption "${APP_NAME} ${VERSION} 安装"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP_ID}"
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
BrandingText "${APP_NAME} ${VERSION}"

; Version resource of setup.exe (shown in its Properties). VIProductVersion needs four numbers.
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=2052 "FileDescription" "${APP_NAME} 安装程序"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "Apache-2.0"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"
!include "x64.nsh"
!include "WinVer.nsh"

!ifdef ICON
  !define MUI_ICON "${ICON}"
  !define MUI_UNICON "${ICON}"
!endif
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TEXT "本向导将在本机为当前用户安装“${APP_NAME}”${VERSION}。$\r$\n$\r$\n不需要管理员权限，也不需要联网。$\r$\n$\r$\n如果程序正在运行，请先关闭它，再点击“下一步”。"
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "现在启动“${APP_NAME}”"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "SimpChinese"

Function .onInit
  ${IfNot} ${RunningX64}
  ${OrIfNot} ${AtLeastWin10}
    MessageBox MB_ICONSTOP|MB_OK "“${APP_NAME}”需要 64 位的 Windows 10 或更新版本，本机的 Windows 版本太旧或是 32 位的，无法安装。" /SD IDOK
    Abort
  ${EndIf}
FunctionEnd

Section "${APP_NAME}（必需）" SecMain
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  ; An upgrade replaces the whole runtime folder, so no file of an older version is left behind.
  RMDir /r "$INSTDIR\_internal"
  File "${DIST_DIR}\${APP_EXE}"
  File "${DIST_DIR}\${CLI_EXE}"
  File /r "${DIST_DIR}\_internal"

  CreateShortCut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0 \
    SW_SHOWNORMAL "" "对照年度工作计划和示范创建指标体系逐项自查，生成签名上报包"

  WriteUninstaller "$INSTDIR\uninstall.exe"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE},0"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ; EstimatedSize is in KB: the size of what was just installed.
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "桌面快捷方式" SecDesktop
  SetShellVarContext current
  CreateShortCut "$DESKTOP\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0
SectionEnd

Section "用本程序打开上报包" SecAssoc
  ; HKCU only: no administrator rights needed. Opening a package verifies it and shows the result.
  WriteRegStr HKCU "Software\Classes\${PROGID}" "" "法治政府建设自查上报包"
  WriteRegStr HKCU "Software\Classes\${PROGID}" "FriendlyTypeName" "法治政府建设自查上报包"
  WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\${APP_EXE},0"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open" "" "用“${APP_NAME}”核验"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\${APP_EXE}" "%1"'
  WriteRegStr HKCU "Software\Classes\.zip\OpenWithProgids" "${PROGID}" ""
  WriteRegStr HKCU "Software\Classes\Applications\${APP_EXE}\SupportedTypes" ".zip" ""
  WriteRegStr HKCU "Software\Classes\Applications\${APP_EXE}" "FriendlyAppName" "${APP_NAME}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'  ; SHCNE_ASSOCCHANGED
SectionEnd

!insertmacro MUI_FUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${SecMain} "程序本身（含运行所需的全部组件和中文字体）。"
  !insertmacro MUI_DESCRIPTION_TEXT ${SecDesktop} "在桌面上放一个“${APP_NAME}”图标。"
  !insertmacro MUI_DESCRIPTION_TEXT ${SecAssoc} "在 .zip 文件的“打开方式”中加入本程序：打开上报包即核验并显示结果。"
!insertmacro MUI_FUNCTION_DESCRIPTION_END

Section "Uninstall"
  SetShellVarContext current
  Delete "$SMPROGRAMS\${APP_NAME}.lnk"
  Delete "$DESKTOP\${APP_NAME}.lnk"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${APP_EXE}"
  Delete "$INSTDIR\${CLI_EXE}"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINST_KEY}"
  DeleteRegKey HKCU "Software\Classes\${PROGID}"
  DeleteRegValue HKCU "Software\Classes\.zip\OpenWithProgids" "${PROGID}"
  DeleteRegKey HKCU "Software\Classes\Applications\${APP_EXE}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
  ; The clerk's data (self-check entries, evidence files, the signing key) are kept unless the clerk says
  ; otherwise, twice; a silent uninstall (/S) always keeps them.
  IfFileExists "${DATA_DIR}\*.*" 0 done
  MessageBox MB_YESNO|MB_ICONQUESTION|MB_DEFBUTTON2 "是否同时删除本机上的自查数据？$\r$\n$\r$\n数据文件夹：${DATA_DIR}$\r$\n其中有自查内容、佐证材料、上报包记录和本单位的签名密钥。$\r$\n$\r$\n选“否”（推荐）则保留数据，重新安装后可以继续使用。$\r$\n要换电脑的，请先把这个数据文件夹（含签名密钥）拷贝出来。" /SD IDNO IDYES ask_again
  Goto done
  ask_again:
  MessageBox MB_YESNO|MB_ICONEXCLAMATION|MB_DEFBUTTON2 "删除后无法恢复，签名密钥也将丢失。确定删除 ${DATA_DIR} 吗？" /SD IDNO IDNO done
  RMDir /r "${DATA_DIR}"
  done:
SectionEnd
