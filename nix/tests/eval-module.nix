# Evaluate nix/darwin-module.nix or nix/nixos-module.nix the way the module system would for one
# host: option defaults, overridden by `cfg`, the rest of the host's config from `host`.
{ module, system, cfg, host ? { } }:
let
  stub = import ./stub.nix { inherit system; };
  mod = import module { inherit (stub) self; };
  result = mod { inherit (stub) lib pkgs; config = host // { services.mini-vm-dashboard = settled; }; };
  declared = result.options.services.mini-vm-dashboard;
  settled = builtins.mapAttrs (_: o: o.default) declared // cfg;
  resolve = v: if builtins.isAttrs v && (v._type or "") == "if" then (if v.condition then resolve v.content else { })
    else if builtins.isAttrs v && (v._type or "") == "order" then resolve v.content
    else if builtins.isAttrs v then builtins.mapAttrs (_: resolve) v
    else v;
in
{
  options = builtins.attrNames declared;
  config = resolve result.config;
}
