# nix-darwin: the dashboard as a launchd user agent of the Mac mini's primary user, the same job
# `npm run service -- install` writes (label lan.mini-vm.dashboard): use one or the other.
{ self }:
{ config, lib, pkgs, ... }:
let
  cfg = config.services.mini-vm-dashboard;
  user = config.system.primaryUser;
  home = "/Users/${user}";
  common = import ./common.nix { inherit lib pkgs self; defaultDataDir = "${home}/Library/Application Support/mini-vm-dashboard"; };
  logDir = "${home}/Library/Logs/mini-vm-dashboard";
  # orb is found by absolute path; PATH is for what orb and the network checks run (ping, nc).
  path = lib.concatStringsSep ":" [ "/usr/local/bin" "/opt/homebrew/bin" "${home}/.local/bin" "${home}/.orbstack/bin" "/usr/bin" "/bin" "/usr/sbin" "/sbin" ];
in
{
  options.services.mini-vm-dashboard = common.options;

  config = lib.mkIf cfg.enable {
    launchd.user.agents.mini-vm-dashboard.serviceConfig = {
      Label = "lan.mini-vm.dashboard";
      ProgramArguments = common.argv cfg;
      EnvironmentVariables = common.environment cfg (common.configFile cfg cfg.passwordFile) // { PATH = path; };
      WorkingDirectory = common.workingDirectory cfg;
      RunAtLoad = true;
      # Restarted when it exits with an error.
      KeepAlive = { SuccessfulExit = false; };
      ThrottleInterval = 10;
      StandardOutPath = "${logDir}/dashboard.log";
      StandardErrorPath = "${logDir}/dashboard.err.log";
    };
    # launchd does not create the folder of a log file.
    system.activationScripts.postActivation.text = lib.mkAfter ''
      /usr/bin/install -d -m 0755 -o ${lib.escapeShellArg user} ${lib.escapeShellArg logDir}
    '';
  };
}
