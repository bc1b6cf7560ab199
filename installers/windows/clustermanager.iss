; Inno Setup 6 script: the Windows installer for the one-folder bundle in dist\ClusterManager.
; Build on Windows, from the repository root, after PyInstaller (see docs/installers.md):
;   iscc /DAppVersion=0.1.0 installers\windows\clustermanager.iss
; Result: dist\installers\ClusterManager-<version>-setup.exe
;
; Installs per user without administrator rights (into %LOCALAPPDATA%\Programs); the first page lets
; an administrator choose "for all users" instead. Start-menu entry, uninstaller (Settings > Apps),
; and the .cmdb file association (double-click a database to open it).

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "ClusterManager"
#define AppExe "ClusterManager.exe"
#define ProgId "ClusterManager.Database"

[Setup]
AppId={{6F1C3E2A-8B4D-4C7E-9A51-2D0F7B3C9E14}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=ClusterManager
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
OutputDir=..\..\dist\installers
OutputBaseFilename={#AppName}-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\clustermanager.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=auto

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "nl"; MessagesFile: "compiler:Languages\Dutch.isl"
Name: "fr"; MessagesFile: "compiler:Languages\French.isl"

[CustomMessages]
en.AssocDesc=Open .cmdb database files with ClusterManager
nl.AssocDesc=.cmdb-databasebestanden openen met ClusterManager
fr.AssocDesc=Ouvrir les fichiers de base de données .cmdb avec ClusterManager
en.AssocGroup=File types:
nl.AssocGroup=Bestandstypes:
fr.AssocGroup=Types de fichiers :
en.DocName=ClusterManager database
nl.DocName=ClusterManager-database
fr.DocName=Base de données ClusterManager

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "association"; Description: "{cm:AssocDesc}"; GroupDescription: "{cm:AssocGroup}"

[Files]
; The whole PyInstaller folder: both executables, Python, Qt (as separate, replaceable DLLs) and the data.
Source: "..\..\dist\ClusterManager\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; HKA is HKCU for a per-user install and HKLM for an all-users one.
Root: HKA; Subkey: "Software\Classes\.cmdb"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue; Tasks: association
Root: HKA; Subkey: "Software\Classes\.cmdb\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue; Tasks: association
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "{cm:DocName}"; Flags: uninsdeletekey; Tasks: association
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"; Tasks: association
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""; Tasks: association
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".cmdb"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; The user's databases, settings and backups live in their data folder, never in {app}: the
; uninstaller leaves them alone on purpose.
