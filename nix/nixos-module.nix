# NixOS: the dashboard as a system service with a dynamic user; its data is the service's state
# directory, and the password file reaches it as a systemd credential (so it may stay root-only).
{ self }:
{ config, lib, pkgs, ... }:
let
  cfg = config.services.mini-vm-dashboard;
  common = import ./common.nix { inherit lib pkgs self; defaultDataDir = "/var/lib/mini-vm-dashboard"; };
  credential = "/run/credentials/mini-vm-dashboard.service/password";
  configFile = common.configFile cfg (if cfg.passwordFile == null then null else credential);
in
{
  options.services.mini-vm-dashboard = common.options;

  config = lib.mkIf cfg.enable {
    assertions = [{
      assertion = lib.hasPrefix "/var/lib/" cfg.dataDir;
      message = "services.mini-vm-dashboard.dataDir must be under /var/lib: it is the service's StateDirectory (dynamic user).";
    }];
    systemd.services.mini-vm-dashboard = {
      description = "mini-vm dashboard";
      wantedBy = [ "multi-user.target" ];
      wants = [ "network-online.target" ];
      after = [ "network-online.target" ];
      environment = common.environment cfg configFile;
      serviceConfig = {
        ExecStart = lib.escapeShellArgs (common.argv cfg);
        WorkingDirectory = common.workingDirectory cfg;
        DynamicUser = true;
        StateDirectory = lib.removePrefix "/var/lib/" cfg.dataDir;
        StateDirectoryMode = "0700";
        LoadCredential = lib.optional (cfg.passwordFile != null) "password:${cfg.passwordFile}";
        Restart = "on-failure";
        RestartSec = 10;
        # 78: the config is invalid; the journal has the line naming the field.
        RestartPreventExitStatus = 78;
        NoNewPrivileges = true;
        PrivateTmp = true;
        ProtectSystem = "strict";
        # Read-only rather than hidden: docs.dir may be a checkout in a home folder.
        ProtectHome = "read-only";
      };
    };
  };
}
