; Inno Setup 6 script: the Windows installer for the PyInstaller bundle.
;
;   pyinstaller --noconfirm --distpath packaging\out\dist --workpath packaging\out\build packaging\selfmassage.spec
;   iscc /DAppVersion=0.1.0 packaging\windows\selfmassage.iss
;
; gives packaging\out\SelfMassage-VERSION-setup.exe. It installs per user by default (no
; administrator needed; the dialog offers all users), adds a Start menu entry and, if
; ticked, a desktop icon, both starting selfmassagew.exe (no console window), opens
; .smroutine and .smreport files with the app, and its uninstaller keeps the user's
; history, settings and routines unless the user says to delete them.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef BundleDir
  #define BundleDir "..\out\dist\selfmassage"
#endif
#define AppName "SelfMassage"
#define WindowedExe "selfmassagew.exe"

[Setup]
; The AppId ties upgrades and the uninstaller together: never change it.
AppId={{5B0E3C2A-6F1D-4C8E-9A57-2D7C1E4B9F30}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=The SelfMassage developers
AppPublisherURL=https://selfmassage.org/
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
OutputDir=..\out
OutputBaseFilename={#AppName}-{#AppVersion}-setup
SetupIconFile=selfmassage.ico
UninstallDisplayIcon={app}\{#WindowedExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#WindowedExe}"; Comment: "Guided self-massage"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#WindowedExe}"; Tasks: desktopicon

[Registry]
; HKA is HKLM for an all-users install and HKCU for a per-user one.
Root: HKA; Subkey: "Software\Classes\.smroutine\OpenWithProgids"; ValueType: string; ValueName: "SelfMassage.Routine"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.smroutine"; ValueType: string; ValueName: ""; ValueData: "SelfMassage.Routine"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.smroutine"; ValueType: string; ValueName: "Content Type"; ValueData: "application/x-selfmassage-routine"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\SelfMassage.Routine"; ValueType: string; ValueName: ""; ValueData: "SelfMassage routine"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\SelfMassage.Routine\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#WindowedExe},0"
Root: HKA; Subkey: "Software\Classes\SelfMassage.Routine\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#WindowedExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\.smreport\OpenWithProgids"; ValueType: string; ValueName: "SelfMassage.Report"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.smreport"; ValueType: string; ValueName: ""; ValueData: "SelfMassage.Report"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.smreport"; ValueType: string; ValueName: "Content Type"; ValueData: "application/x-selfmassage-report"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\SelfMassage.Report"; ValueType: string; ValueName: ""; ValueData: "SelfMassage adherence report"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\SelfMassage.Report\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#WindowedExe},0"
Root: HKA; Subkey: "Software\Classes\SelfMassage.Report\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#WindowedExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#WindowedExe}\SupportedTypes"; ValueType: string; ValueName: ".smroutine"; ValueData: ""; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#WindowedExe}\SupportedTypes"; ValueType: string; ValueName: ".smreport"; ValueData: ""

[Run]
Filename: "{app}\{#WindowedExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
// The history, settings and routines (platformdirs: %LOCALAPPDATA%\SelfMassage) are the
// user's: the uninstaller keeps them unless asked. A silent uninstall keeps them too.
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  if CurUninstallStep <> usPostUninstall then
    exit;
  DataDir := ExpandConstant('{localappdata}\{#AppName}');
  if UninstallSilent or not DirExists(DataDir) then
    exit;
  if MsgBox('Also delete your SelfMassage history, settings and routines?' + #13#10 + #13#10 +
            'They are in ' + DataDir + '.' + #13#10 +
            'Choose No to keep them for a later install.',
            mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES then
    DelTree(DataDir, True, True, True);
end;
