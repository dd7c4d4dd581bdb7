{
  description = "mini-vm dashboard: status, docs and rebuilds for the home lab's OrbStack VM";

  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-25.05";

  outputs = { self, nixpkgs }:
    let
      systems = [ "aarch64-darwin" "x86_64-darwin" "aarch64-linux" "x86_64-linux" ];
      forEach = f: nixpkgs.lib.genAttrs systems (system: f nixpkgs.legacyPackages.${system});
    in
    {
      packages = forEach (pkgs: { default = pkgs.callPackage ./nix/package.nix { }; });
      # services.mini-vm-dashboard: a launchd user agent on the Mac mini (nix-darwin) ...
      darwinModules.default = import ./nix/darwin-module.nix { inherit self; };
      # ... or a systemd service with a dynamic user on a NixOS host.
      nixosModules.default = import ./nix/nixos-module.nix { inherit self; };
    };
}
