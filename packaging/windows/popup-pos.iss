; Inno Setup script: the Windows installer of Pop-up POS, from the one-folder bundle.
; Build on Windows (see packaging/windows/README.md):
;   .venv\Scripts\pyinstaller --noconfirm --clean --distpath dist --workpath build\pyinstaller packaging\popup-pos.spec
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\windows\popup-pos.iss
; -> dist\popup-pos-0.1.0-windows-setup.exe

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
; The AppId ties upgrades and the uninstaller together: never change it.
AppId={{6F2C7C1E-4B7A-4E55-9E8B-2D0B5C6A9F31}
AppName=Pop-up POS
AppVersion={#AppVersion}
AppPublisher=Pop-up POS
DefaultDirName={autopf}\Pop-up POS
DefaultGroupName=Pop-up POS
DisableProgramGroupPage=yes
; Per-user by default (no administrator on a borrowed laptop); an administrator can still choose all users.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=popup-pos-{#AppVersion}-windows-setup
SetupIconFile=..\..\resources\icons\popup-pos.ico
UninstallDisplayIcon={app}\popup-pos.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; A running till is asked to close before its files are replaced.
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "german"; MessagesFile: "compiler:Languages\German.isl"
Name: "french"; MessagesFile: "compiler:Languages\French.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
; The till's data is in the user's AppData folder, not here: the uninstaller leaves it alone.
Source: "..\..\dist\popup-pos\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Pop-up POS"; Filename: "{app}\popup-pos.exe"
Name: "{autodesktop}\Pop-up POS"; Filename: "{app}\popup-pos.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\popup-pos.exe"; Description: "{cm:LaunchProgram,Pop-up POS}"; Flags: nowait postinstall skipifsilent
