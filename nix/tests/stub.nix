# The few parts of nixpkgs' lib and pkgs that nix/*.nix read, small enough to trust, so the
# modules evaluate on a machine without nixpkgs. Each returns plain data the tests can read back.
{ system }:
rec {
  lib = rec {
    mkOption = attrs: attrs // { _type = "option"; };
    mkEnableOption = name: mkOption { type = "bool"; default = false; description = "Whether to enable ${name}."; };
    mkIf = condition: content: { _type = "if"; inherit condition content; };
    mkAfter = content: { _type = "order"; priority = 1500; inherit content; };
    literalExpression = text: { _type = "literalExpression"; inherit text; };
    types = { package = "package"; str = "str"; port = "port"; bool = "bool"; nullOr = t: "null or ${t}"; };
    optional = c: x: if c then [ x ] else [ ];
    optionals = c: xs: if c then xs else [ ];
    optionalAttrs = c: a: if c then a else { };
    hasPrefix = p: s: builtins.substring 0 (builtins.stringLength p) s == p;
    removePrefix = p: s: if hasPrefix p s then builtins.substring (builtins.stringLength p) (builtins.stringLength s) s else s;
    concatStringsSep = builtins.concatStringsSep;
    recursiveUpdate = a: b: a // builtins.mapAttrs (k: v: if builtins.isAttrs v && builtins.isAttrs (a.${k} or null) then recursiveUpdate a.${k} v else v) b;
    escapeShellArg = s: "'" + builtins.replaceStrings [ "'" ] [ "'\\''" ] (toString s) + "'";
    escapeShellArgs = xs: builtins.concatStringsSep " " (map escapeShellArg xs);
    importJSON = f: builtins.fromJSON (builtins.readFile f);
    genAttrs = names: f: builtins.listToAttrs (map (n: { name = n; value = f n; }) names);
    cleanSource = src: src;
    cleanSourceWith = { src, filter }: { inherit src filter; };
    platforms = { darwin = [ "aarch64-darwin" "x86_64-darwin" ]; linux = [ "aarch64-linux" "x86_64-linux" ]; };
  };
  # formats.yaml: "generate" returns where the file would be, with its value as JSON after a "#".
  pkgs = {
    stdenv.hostPlatform = { inherit system; isDarwin = lib.hasPrefix "darwin" (builtins.elemAt (builtins.match "[^-]+-(.*)" system) 0); };
    formats.yaml = _: { type = "yaml value"; generate = name: value: "/nix/store/stub-${name}#${builtins.toJSON value}"; };
  };
  self.packages = lib.genAttrs [ system ] (_: { default = "/nix/store/stub-mini-vm-dashboard"; });
}
