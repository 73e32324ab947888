# Installs kurssi, the course site generator, on Windows from its ready-made
# release archive. Needs no Rust and no administrator rights.
#
#   powershell -ExecutionPolicy Bypass -c "irm https://github.com/OWNER/kurssi/releases/latest/download/install.ps1 | iex"
#
# To choose the release or the folder, set these before running it:
#   $env:KURSSI_VERSION = "v0.1.0"     the release (default: the latest)
#   $env:KURSSI_INSTALL_DIR = "C:\..."  the folder (default: %LOCALAPPDATA%\Programs\kurssi\bin)
# For testing and mirrors, as in install.sh:
#   $env:KURSSI_REPO          the GitHub repository, owner/name (default below)
#   $env:KURSSI_DOWNLOAD_URL  where the releases are, instead of
#                             https://github.com/$KURSSI_REPO/releases
#   $env:KURSSI_PLATFORM      the processor, such as AMD64 or ARM64, instead of this one
#
# It downloads SHA256SUMS and the archive, checks the archive against the
# checksum, and only then puts kurssi.exe into the folder and the folder on
# the user's search path.
#
# This script mirrors install.sh, which kurssi's tests run against a local
# release; PowerShell is not available where those tests run, so this one is
# not run by them.

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

function Fail([string]$Message) {
    Write-Host "kurssi installer: error: $Message" -ForegroundColor Red
    throw "kurssi installer: $Message"
}
function Say([string]$Message) { Write-Host "kurssi installer: $Message" }

$Repo = if ($env:KURSSI_REPO) { $env:KURSSI_REPO } else { 'OWNER/kurssi' }
$Version = if ($env:KURSSI_VERSION) { $env:KURSSI_VERSION } else { 'latest' }
if ($Version -ne 'latest' -and -not $Version.StartsWith('v')) { $Version = "v$Version" }
$Dir = if ($env:KURSSI_INSTALL_DIR) { $env:KURSSI_INSTALL_DIR } else {
    Join-Path $env:LOCALAPPDATA 'Programs\kurssi\bin'
}
$Base = if ($env:KURSSI_DOWNLOAD_URL) { $env:KURSSI_DOWNLOAD_URL.TrimEnd('/') } else {
    "https://github.com/$Repo/releases"
}
$Url = if ($Version -eq 'latest') { "$Base/latest/download" } else { "$Base/download/$Version" }

$Platform = if ($env:KURSSI_PLATFORM) { $env:KURSSI_PLATFORM } else { $env:PROCESSOR_ARCHITECTURE }
switch ($Platform) {
    'AMD64' { $Target = 'x86_64-pc-windows-msvc' }
    # Windows on ARM runs x86_64 programs.
    'ARM64' { $Target = 'x86_64-pc-windows-msvc' }
    default {
        Fail ("there is no ready-made kurssi for this processor ($Platform). " +
            "Install Rust from https://rustup.rs and run: cargo install --locked kurssi")
    }
}

# TLS 1.2 for Windows PowerShell 5.1, whose default may be older.
[Net.ServicePointManager]::SecurityProtocol = [Net.ServicePointManager]::SecurityProtocol -bor [Net.SecurityProtocolType]::Tls12

$Tmp = Join-Path ([IO.Path]::GetTempPath()) ("kurssi-" + [Guid]::NewGuid())
New-Item -ItemType Directory -Path $Tmp | Out-Null
try {
    Say "looking for kurssi $Version for $Target"
    $Sums = Join-Path $Tmp 'SHA256SUMS'
    try {
        Invoke-WebRequest -UseBasicParsing -Uri "$Url/SHA256SUMS" -OutFile $Sums
    } catch {
        Fail "could not download $Url/SHA256SUMS (is $Version a kurssi release?)"
    }
    $Line = Get-Content $Sums | Where-Object { $_ -match "^([0-9a-fA-F]{64}) [ *](kurssi-v\S+-$Target\.zip)$" } | Select-Object -First 1
    if (-not $Line) { Fail "release $Version has no archive for $Target" }
    $null = $Line -match "^([0-9a-fA-F]{64}) [ *](\S+)$"
    $Expected = $Matches[1].ToLowerInvariant()
    $Archive = $Matches[2]

    $Zip = Join-Path $Tmp $Archive
    Say "downloading $Url/$Archive"
    try {
        Invoke-WebRequest -UseBasicParsing -Uri "$Url/$Archive" -OutFile $Zip
    } catch {
        Fail "could not download $Url/$Archive"
    }
    $Actual = (Get-FileHash -Algorithm SHA256 -Path $Zip).Hash.ToLowerInvariant()
    if ($Actual -ne $Expected) {
        Fail ("the checksum of $Archive does not match SHA256SUMS: expected $Expected, got $Actual. " +
            "The download is damaged or not the released file. Nothing was installed.")
    }

    $Unpacked = Join-Path $Tmp 'unpacked'
    Expand-Archive -Path $Zip -DestinationPath $Unpacked
    $Exe = Join-Path $Unpacked 'kurssi.exe'
    if (-not (Test-Path $Exe)) { Fail "$Archive has no kurssi.exe in it" }

    New-Item -ItemType Directory -Force -Path $Dir | Out-Null
    # Copied next to the old program first, then moved over it, so that a
    # failed copy leaves the old one in place.
    $New = Join-Path $Dir '.kurssi.new.exe'
    Copy-Item -Path $Exe -Destination $New -Force
    Move-Item -Path $New -Destination (Join-Path $Dir 'kurssi.exe') -Force
    $Installed = & (Join-Path $Dir 'kurssi.exe') --version
    Say "installed $Installed into $Dir\kurssi.exe"

    $UserPath = [Environment]::GetEnvironmentVariable('Path', 'User')
    $Parts = if ($UserPath) { $UserPath -split ';' } else { @() }
    if ($Parts -notcontains $Dir) {
        $NewPath = if ($UserPath) { "$Dir;$UserPath" } else { $Dir }
        [Environment]::SetEnvironmentVariable('Path', $NewPath, 'User')
        $env:Path = "$Dir;$env:Path"
        Say "added $Dir to your search path; open a new terminal to use kurssi there"
    }
} finally {
    Remove-Item -Recurse -Force -Path $Tmp -ErrorAction SilentlyContinue
}
