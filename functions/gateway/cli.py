"""intent-gateway: serve the TMF921 Intent Management API over a git repository of intent packages.

    intent-gateway [--listen 127.0.0.1:8080] [--repo .gateway/repo] [--inventory DIR]
                   [--token-file FILE] [--render exec|image] [--blueprint DIR] [--workers N]
                   [--porch-variants] [--max-body BYTES]

The repository is created on first start (a bare git repository, with the blueprint and the
inventory committed).  Writes need a bearer token: INTENT_GATEWAY_TOKEN, --token-file, or else
one generated into <repo>/gateway-token (mode 0600).  Everything: functions/gateway/README.md.
"""

from __future__ import annotations

import argparse
import ipaddress
import logging
import os
import sys
from pathlib import Path


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="intent-gateway", description=(__doc__ or "").split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__.split("\n\n", 1)[1])
    parser.add_argument("--listen", default="127.0.0.1:8080", help="HOST:PORT to listen on (default: loopback only, 127.0.0.1:8080)")
    parser.add_argument("--repo", type=Path, default=Path(".gateway/repo"), help="the git repository, bare (default: .gateway/repo; created if missing)")
    parser.add_argument("--inventory", type=Path, help="folder of WorkloadClusters and SiteNetworkPlans (default: the sample packages' clusters)")
    parser.add_argument("--token-file", type=Path, help="file of accepted write tokens, one a line")
    parser.add_argument("--render", choices=("exec", "image"), default="exec", help="run the functions as installed console scripts (exec) or as images with podman/docker via kpt (image)")
    parser.add_argument("--blueprint", type=Path, help="the package every intent is cloned from (default: packages/intent-to-krm); read on first start only")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="renders at once (default: the number of CPUs)")
    parser.add_argument("--namespace", default="intent-system", help="namespace of intents posted in TMF921 form (default: intent-system)")
    parser.add_argument("--repo-url", help="URL clients clone the repository from, written as each package's upstream (default: file://<repo>)")
    parser.add_argument("--porch-variants", action="store_true", help="also write a Porch PackageVariant per intent under porch/")
    parser.add_argument("--max-body", type=int, default=1 << 20, help="largest request body in bytes (default: 1 MiB)")
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    return parser.parse_args(argv)


def listen_address(text: str) -> tuple[str, int]:
    host, _, port = text.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise SystemExit(f"intent-gateway: --listen {text!r} is not HOST:PORT")
    return host.strip("[]"), int(port)


def main(argv: list[str] | None = None) -> int:
    args = parse(sys.argv[1:] if argv is None else argv)
    if args.version:
        from oran_intent_krm import __version__

        print(f"intent-gateway {__version__}")
        return 0
    try:
        import uvicorn

        from .app import create_app
    except ImportError as missing:
        print(f"intent-gateway: {missing.name} is not installed: pip install 'oran-intent-krm[gateway]' (make install does)", file=sys.stderr)
        return 2
    from . import auth
    from .packages import BlueprintError
    from .repository import RepositoryBusy
    from .service import Gateway, Settings

    host, port = listen_address(args.listen)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    settings = Settings(
        repo=args.repo,
        blueprint=args.blueprint,
        inventory=args.inventory,
        render=args.render,
        workers=max(1, args.workers),
        namespace=args.namespace,
        repo_url=args.repo_url,
        porch_variants=args.porch_variants,
    )
    gateway = Gateway(settings)
    tokens, where = auth.load(gateway.repo.path, args.token_file)
    if not _loopback(host):
        print(f"intent-gateway: listening on {host}, beyond this machine: put TLS in front of it", file=sys.stderr)
    print(f"intent-gateway: repository {gateway.repo.path}; {where}", file=sys.stderr)
    try:
        for note in gateway.start():
            print(f"intent-gateway: {note}", file=sys.stderr)
    except (RepositoryBusy, BlueprintError) as error:
        print(f"intent-gateway: {error}", file=sys.stderr)
        return 1
    app = create_app(gateway, tokens, max_body=args.max_body)
    uvicorn.run(app, host=host, port=port, log_level="info", access_log=False, timeout_graceful_shutdown=30)
    return 0


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


if __name__ == "__main__":
    sys.exit(main())
