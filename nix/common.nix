# What the nix-darwin and the NixOS module share: the options under services.mini-vm-dashboard,
# the YAML config made from `settings`, and the command line of the server.
{ lib, pkgs, self, defaultDataDir }:
let
  yaml = pkgs.formats.yaml { };
in
rec {
  options = {
    enable = lib.mkEnableOption "the mini-vm dashboard";
    package = lib.mkOption {
      type = lib.types.package;
      default = self.packages.${pkgs.stdenv.hostPlatform.system}.default;
      defaultText = lib.literalExpression "mini-vm-dashboard.packages.\${system}.default";
      description = "The dashboard package.";
    };
    settings = lib.mkOption {
      type = yaml.type;
      default = { };
      description = ''
        The dashboard's configuration, written as its YAML config file: machines and their
        services, checks, rebuild (flake, targets), docs, history, notifications... Every key is in
        dashboard.config.example.yaml. dataDir and rebuild.passwordFile come from the options below.
      '';
    };
    passwordFile = lib.mkOption {
      type = lib.types.nullOr lib.types.str;
      default = null;
      description = "A file holding the admin password that allows rebuilds; read when the server starts, never copied to the store.";
    };
    host = lib.mkOption { type = lib.types.str; default = "0.0.0.0"; description = "Address the server listens on."; };
    port = lib.mkOption { type = lib.types.port; default = 3000; description = "Port the server listens on."; };
    dataDir = lib.mkOption { type = lib.types.str; default = defaultDataDir; description = "The SQLite store, rebuild logs and session key."; };
  };

  /** The config file: the user's settings over the defaults, and the options' own keys on top. */
  configFile = cfg: passwordPath:
    let
      defaults = { docs.dir = "${cfg.package}/lib/node_modules/mini-vm-dashboard/docs"; };
      own = { inherit (cfg) dataDir; } // lib.optionalAttrs (passwordPath != null) {
        rebuild = (cfg.settings.rebuild or { }) // { passwordFile = passwordPath; };
      };
    in
    yaml.generate "mini-vm-dashboard.yaml" (lib.recursiveUpdate defaults cfg.settings // own);

  argv = cfg: [ "${cfg.package}/bin/mini-vm-dashboard" "-H" cfg.host "-p" (toString cfg.port) ];

  environment = cfg: file: {
    DASHBOARD_CONFIG = "${file}";
    NODE_ENV = "production";
    NEXT_TELEMETRY_DISABLED = "1";
    HOST = cfg.host;
    PORT = toString cfg.port;
  };

  workingDirectory = cfg: "${cfg.package}/lib/node_modules/mini-vm-dashboard";
}
