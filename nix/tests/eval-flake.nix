# flake.nix's outputs against a stub nixpkgs: which systems and modules it exports, and what
# package.nix hands buildNpmPackage (with the lock file importNpmLock is given).
{ system ? "aarch64-darwin" }:
let
  stub = import ./stub.nix { inherit system; };
  callPackage = f: extra: import f ({
    inherit (stub) lib;
    stdenv = { hostPlatform = stub.pkgs.stdenv.hostPlatform; };
    buildNpmPackage = attrs: attrs;
    importNpmLock = { __functor = _: args: { importNpmLockArgs = args; }; npmConfigHook = "importNpmLock.npmConfigHook"; };
    nodejs_20 = "/nix/store/stub-nodejs-20";
    makeWrapper = "makeWrapper";
    python3 = "python3";
    cctools = "cctools";
    xcbuild = "xcbuild";
  } // extra);
  nixpkgs = { lib = stub.lib; legacyPackages = stub.lib.genAttrs [ "aarch64-darwin" "x86_64-darwin" "aarch64-linux" "x86_64-linux" ] (_: { inherit callPackage; }); };
  flake = import ../../flake.nix;
  outputs = flake.outputs { self = outputs; inherit nixpkgs; };
  pkg = outputs.packages.${system}.default;
  lock = pkg.npmDeps.importNpmLockArgs.packageLock;
in
{
  inputs = flake.inputs.nixpkgs.url;
  systems = builtins.attrNames outputs.packages;
  modules = { darwin = builtins.isFunction outputs.darwinModules.default; nixos = builtins.isFunction outputs.nixosModules.default; };
  package = {
    inherit (pkg) pname version nativeBuildInputs env npmConfigHook installPhase;
    nodejs = pkg.nodejs;
    mainProgram = pkg.meta.mainProgram;
    # The source filter, tried on what must stay out of the build and what must go in.
    keeps = builtins.listToAttrs (map (p: { name = p; value = pkg.src.filter (toString ../.. + "/${p}") "directory"; }) [ "node_modules" ".next" "demo/.state-e2e-3100" "test-results" "app" "lib" "demo" ]);
  };
  # Every package npm would fetch, with its URL and hash; what importNpmLock fetches them by.
  lock = builtins.mapAttrs (_: p: { resolved = p.resolved or null; integrity = p.integrity or null; bundled = p.inBundle or false; link = p.link or false; }) lock.packages;
}
