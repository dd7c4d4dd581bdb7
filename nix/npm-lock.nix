# package-lock.json as importNpmLock needs it. npm can be set to leave the registry URLs out of the
# lock (omit-lockfile-registry-resolved, as it is where this project is developed); every package
# it fetches gets its URL back here, from its name and version, and is fetched by its integrity
# hash, so no hash in Nix ever needs updating by hand. Builtins only: the tests evaluate it as is.
{ lockFile, registry ? "https://registry.npmjs.org" }:
let
  lock = builtins.fromJSON (builtins.readFile lockFile);
  # "node_modules/a/node_modules/@scope/b" -> "@scope/b"
  nameOf = key: builtins.elemAt (builtins.match "(.*node_modules/)?((@[^/]+/)?[^/]+)" key) 1;
  # "@scope/b" -> "b": the tarball's file name has no scope
  baseOf = name: builtins.elemAt (builtins.match "(@[^/]+/)?([^/]+)" name) 1;
  fetched = key: p: key != "" && !(p.link or false) && !(p.inBundle or false) && p ? integrity && !(p ? resolved);
  withUrl = key: p:
    let name = p.name or (nameOf key);
    in if fetched key p then p // { resolved = "${registry}/${name}/-/${baseOf name}-${p.version}.tgz"; } else p;
in
lock // { packages = builtins.mapAttrs withUrl lock.packages; }
