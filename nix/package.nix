# The built dashboard: `next build` with every npm dependency fetched from the lock file
# (importNpmLock), better-sqlite3 compiled from source against this Node's headers.
{ lib, stdenv, buildNpmPackage, importNpmLock, nodejs_20, makeWrapper, python3, cctools, xcbuild }:
let
  root = ./..;
  packageJson = lib.importJSON ../package.json;
  generated = [ "node_modules" "test-results" "data" ];
  keep = path: _type:
    let rel = lib.removePrefix "${toString root}/" (toString path);
    in !(builtins.elem rel generated || lib.hasPrefix ".next" rel || lib.hasPrefix "demo/.state" rel);
in
buildNpmPackage {
  pname = packageJson.name;
  inherit (packageJson) version;
  src = lib.cleanSourceWith { src = lib.cleanSource root; filter = keep; };
  nodejs = nodejs_20;

  npmDeps = importNpmLock {
    package = packageJson;
    packageLock = import ./npm-lock.nix { lockFile = ../package-lock.json; };
  };
  npmConfigHook = importNpmLock.npmConfigHook;

  # node-gyp (better-sqlite3) needs python; on macOS also libtool and xcrun.
  nativeBuildInputs = [ makeWrapper python3 ] ++ lib.optionals stdenv.hostPlatform.isDarwin [ cctools xcbuild ];
  env = {
    NEXT_TELEMETRY_DISABLED = "1";
    # prebuild-install would try to download a binary first; the sandbox has no network.
    npm_config_build_from_source = "true";
  };

  installPhase = ''
    runHook preInstall
    npm prune --omit=dev --no-save --offline
    app=$out/lib/node_modules/${packageJson.name}
    mkdir -p $app $out/bin
    cp -r .next node_modules package.json next.config.js tsconfig.json public docs lib scripts dashboard.config.example.yaml $app/
    rm -rf $app/.next/cache
    makeWrapper ${nodejs_20}/bin/node $out/bin/mini-vm-dashboard \
      --add-flags "--import file://$app/lib/lan/preload.mjs $app/node_modules/next/dist/bin/next start $app --keepAliveTimeout 65000" \
      --set-default NODE_ENV production \
      --set NEXT_TELEMETRY_DISABLED 1
    runHook postInstall
  '';

  meta = {
    description = "Status, docs and rebuilds for the home lab's OrbStack VM";
    mainProgram = "mini-vm-dashboard";
    platforms = lib.platforms.darwin ++ lib.platforms.linux;
  };
}
