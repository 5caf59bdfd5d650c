"""`attunement serve | worker | demo | analyze | content | rotate-keys | vapid-keys | backup |
restore | safety-stats | manage`.

The one command a newcomer runs is `attunement serve --demo`.
"""

import argparse
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Mapping

LOOPBACK = ("127.0.0.1", "localhost", "::1")
ANY_ADDRESS = ("0.0.0.0", "::")


def lan_address() -> str | None:
    """This machine's IPv4 address on the local network, or None.

    Connecting a UDP socket sends nothing: the kernel only picks the interface that would route
    to a private address, and the socket's own address is the one a phone on the same Wi-Fi uses.
    """
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            sock.connect(("10.254.254.254", 9))
            address = str(sock.getsockname()[0])
    except OSError:
        return None
    return None if address.startswith(("127.", "0.")) else address


def web_environment(
    host: str, port: int, environ: Mapping[str, str], lan: str | None
) -> tuple[dict[str, str], str]:
    """The web and worker processes' environment, and the address to open.

    On a local network the machine's own addresses are allowed as host names (an explicit
    ALLOWED_HOSTS or SITE_ROOT is kept), so that a phone opening http://192.168.x.y:port/ is
    served, and links in e-mails sent by the worker use that address too.
    """
    env = dict(environ)
    if host in LOOPBACK:
        env.setdefault("SITE_ROOT", f"http://{host}:{port}")
        return env, f"http://{host}:{port}/"
    public = lan if host in ANY_ADDRESS else host
    machine = socket.gethostname()
    names = ["localhost", "127.0.0.1", "[::1]", machine, f"{machine}.local"]
    names += [public] if public else []
    env.setdefault("ALLOWED_HOSTS", ",".join(dict.fromkeys(n for n in names if n)))
    address = f"http://{public or 'localhost'}:{port}/"
    env.setdefault("SITE_ROOT", address.rstrip("/"))
    return env, address


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "attunement.settings")
    import django

    django.setup()


def _keys_or_refuse() -> bool:
    """Every entry point that reads the database checks the key first: encrypted rows with no
    key file refuse with the same clear message instead of making a new key that reads nothing."""
    from attunement.lib import crypto

    try:
        crypto.ensure_key_file()  # before any web worker starts, so that they share one key
    except crypto.MissingKeyError as exc:
        print(f"Attunement cannot start: {exc}", file=sys.stderr)
        return False
    return True


def _manage(*args: str) -> None:
    from django.core.management import call_command

    call_command(*args)


def serve(args: argparse.Namespace) -> int:
    _django()
    from django.conf import settings

    # The key first: a migration may encrypt what older versions kept in plain text.
    if not _keys_or_refuse():
        return 1
    _manage("migrate", "--no-input", "-v", "0")
    _manage("createcachetable")
    _manage("collectstatic", "--no-input", "-v", "0")
    if args.demo:
        from attunement.today.demo import create_demo

        print(create_demo())
    host = "0.0.0.0" if args.lan else args.host
    env, address = web_environment(
        host,
        args.port,
        dict(os.environ, ATTUNEMENT_DATA_DIR=str(settings.DATA_DIR)),
        None if host in LOOPBACK else lan_address(),
    )
    worker = subprocess.Popen([sys.executable, "-m", "attunement.cli", "worker"], env=env)
    web = subprocess.Popen(gunicorn_command(args, host), env=env)
    print(f"\nAttunement is running at {address}  (Ctrl+C stops it)")
    if host not in LOOPBACK:
        print(f"On a phone on the same Wi-Fi, open {address}")
        print("(Plain HTTP on your own network: behind a real domain, use HTTPS; see the README.)")
    print(f"Data folder: {settings.DATA_DIR}")
    note = email_note(settings.EMAIL_BACKEND)
    if note:
        print(note)
    print()

    def stop(signum: int, frame: object) -> None:
        for proc in (web, worker):
            proc.terminate()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    code = web.wait()
    worker.terminate()
    worker.wait()
    return code if code > 0 else 0


def gunicorn_command(args: argparse.Namespace, host: str | None = None) -> list[str]:
    host = host or args.host
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "attunement.wsgi",
        "--bind",
        f"[{host}]:{args.port}" if ":" in host else f"{host}:{args.port}",
        "--workers",
        str(args.workers),
        "--log-level",
        "warning",
        # Its access log (--access-log) names secret links' routes, never their secrets.
        "--logger-class",
        "attunement.lib.access_log.AccessLogger",
    ]
    # Off by default: a line per request (every static file) buries the emails printed here.
    if args.access_log:
        command += ["--access-logfile", "-"]
    return command


def email_note(backend: str) -> str:
    """Where emails go, when they go nowhere a newcomer would look."""
    if backend == "django.core.mail.backends.console.EmailBackend":
        return (
            "Emails (sign-up links, password resets) are printed here, in this console; "
            "set EMAIL_HOST to send them for real."
        )
    if backend == "django.core.mail.backends.filebased.EmailBackend":
        from django.conf import settings

        return f"Emails are written to files in {settings.EMAIL_FILE_PATH}."
    return ""


def worker(args: argparse.Namespace) -> int:
    _django()
    if not _keys_or_refuse():
        return 1
    from attunement.today.worker import run_forever

    run_forever()
    return 0


def demo(args: argparse.Namespace) -> int:
    _django()
    if not _keys_or_refuse():
        return 1
    _manage("migrate", "--no-input", "-v", "0")
    from attunement.today.demo import create_demo

    print(create_demo())
    return 0


def analyze(args: argparse.Namespace) -> int:
    from attunement.language.cli import run

    return run(args.kind, sys.stdin.buffer, sys.stdout)


def content(args: argparse.Namespace) -> int:
    from attunement.content.command import run

    return run(args.json, sys.stdout)


def rotate_keys(args: argparse.Namespace) -> int:
    _django()
    if not _keys_or_refuse():
        return 1
    from attunement.today.rotation import rotate_all

    count = rotate_all()
    print(f"Re-encrypted {count} value(s) under the newest key.")
    return 0


def vapid_keys(args: argparse.Namespace) -> int:
    """Turn on web push: make the VAPID key pair once, into the data folder (0600). With
    --print, print a new private key instead, for VAPID_PRIVATE_KEY(_FILE) in a secret store."""
    _django()
    from pathlib import Path

    from django.conf import settings

    from attunement.lib.files import private_dir, write_private
    from attunement.notifications import push

    if args.print:
        print(push.new_private_key(), end="")
        return 0
    if settings.VAPID_PRIVATE_KEY:
        where = "VAPID_PRIVATE_KEY" if os.getenv("VAPID_PRIVATE_KEY") else "the data folder"
        if os.getenv("VAPID_PRIVATE_KEY_FILE"):
            where = "VAPID_PRIVATE_KEY_FILE"
        print(f"Web push is already set up (key from {where}); nothing changed.")
    else:
        path = Path(settings.VAPID_KEY_PATH)
        private_dir(path.parent)
        write_private(path, push.new_private_key())
        settings.VAPID_PRIVATE_KEY = path.read_text().strip()
        print(f"Web push is set up: the private key is in {path} (keep it with your backups).")
        print("Restart the app; people can then turn on notifications on their Reminders page.")
    print(f"Public key: {push.application_server_key()}")
    return 0


def backup(args: argparse.Namespace) -> int:
    """A consistent online backup of the database with the key files, in one 0600 file."""
    _django()
    if not _keys_or_refuse():
        return 1
    import time
    from pathlib import Path

    from attunement.today import backup as backups

    started = time.monotonic()
    try:
        path, manifest = backups.backup(Path(args.output) if args.output else None)
    except backups.BackupError as exc:
        print(f"Attunement cannot back up: {exc}", file=sys.stderr)
        return 1
    rows = sum(t["rows"] for t in manifest["tables"].values())
    print(f"Backed up {len(manifest['tables'])} tables, {rows} rows, and the key file to {path}")
    print(f"({path.stat().st_size:,} bytes in {time.monotonic() - started:.1f} s.)")
    print("Keep it somewhere only you can read: it holds the key to the stored notes.")
    return 0


def restore(args: argparse.Namespace) -> int:
    """Bring a backup back (stop the app first), then delete again whoever was deleted since."""
    _django()
    from pathlib import Path

    from attunement.today import backup as backups
    from attunement.today import erasure

    deletions = erasure.ledger()  # the live ledger, before the backup's replaces it
    try:
        manifest = backups.restore(Path(args.file))
    except backups.BackupError as exc:
        print(f"Attunement cannot restore: {exc}", file=sys.stderr)
        return 1
    restored = backups.live_fingerprint()
    if restored != manifest["tables"]:
        wrong = sorted(t for t in manifest["tables"] if restored.get(t) != manifest["tables"][t])
        print(f"The restored database does not match the backup: {wrong[:5]}", file=sys.stderr)
        return 1
    rows = sum(t["rows"] for t in restored.values())
    print(f"Restored the backup of {manifest['created_at']}: {len(restored)} tables, {rows} rows,")
    print("every table's row count and checksum matches the backup.")
    _manage("migrate", "--no-input", "-v", "0")  # a backup from an older version catches up
    again = erasure.reapply(deletions)
    if again:
        print(f"Deleted again {again} account(s) deleted after the backup was taken.")
    return 0


def export_person(args: argparse.Namespace) -> int:
    """One person's data as JSON (docs/export.md): to a file, or to standard output."""
    _django()
    if not _keys_or_refuse():
        return 1
    import json

    from attunement.accounts import portability
    from attunement.accounts.models import User

    user = User.objects.filter(email__iexact=args.user.strip()).first()
    if user is None:
        print(f"No account has the address {args.user}.", file=sys.stderr)
        return 2
    text = json.dumps(portability.export_document(user), ensure_ascii=False, indent=1)
    if not args.output:
        print(text)
        return 0
    from pathlib import Path

    from attunement.lib.files import write_private

    try:
        path = write_private(Path(args.output), text)  # 0600: it holds words in plain text
    except OSError as exc:
        print(f"Cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(f"Wrote {user.email}'s data to {path} ({path.stat().st_size:,} bytes).")
    print("It holds their words in plain text: keep it somewhere only they can read.")
    return 0


def import_person(args: argparse.Namespace) -> int:
    """Bring one person's export into this instance, as a new account (docs/export.md)."""
    _django()
    if not _keys_or_refuse():
        return 1
    from pathlib import Path

    from attunement.accounts import portability

    try:
        document = portability.read_document(Path(args.file).read_bytes())
        user, counts = portability.import_person(document, email=args.email)
    except OSError as exc:
        print(f"Cannot read {args.file}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except portability.AddressTaken as exc:
        print(f"Nothing was imported: {exc}", file=sys.stderr)
        return 1
    except portability.BadExportFile as exc:
        print(f"Nothing was imported: {exc}", file=sys.stderr)
        return 2
    print(f"Imported {user.email}: {sum(counts.restored.values())} item(s) restored.")
    for key, n in sorted(counts.restored.items()):
        if n:
            print(f"  restored {key}: {n}")
    if counts.skipped:
        print(f"Left out {sum(counts.skipped.values())} item(s) that need the partner or a secret:")
        for key, n in sorted(counts.skipped.items()):
            print(f"  left out {key}: {n}")
    print('To log in, they choose "Forgot your password?" on the login page and use this address.')
    return 0


def safety_stats(args: argparse.Namespace) -> int:
    """For hosts: how often the screen flagged, and how often writers said it misread them."""
    _django()
    from datetime import timedelta

    from django.utils import timezone

    from attunement.safety.services import flag_counts

    counts = flag_counts(since=timezone.now() - timedelta(days=args.days))
    flagged = counts["clear"] + counts["possible"]
    rate = f"{counts['misread'] / flagged:.0%}" if flagged else "-"
    print(f"Last {args.days} days: {flagged} flagged writes")
    print(f"  care cards (clear):    {counts['clear']}")
    print(f"  quiet lines (possible): {counts['possible']}")
    print(f"  'this isn't what I meant': {counts['misread']} ({rate} of flags)")
    return 0


def manage(args: argparse.Namespace) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "attunement.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["attunement manage", *args.rest])
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="attunement", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("serve", help="migrate, collect static, start the web server and a worker")
    p.add_argument("--host", default="127.0.0.1", help="0.0.0.0 listens on every network")
    p.add_argument(
        "--lan",
        action="store_true",
        help="listen on the local network so that phones on the same Wi-Fi can join",
    )
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument(
        "--access-log", action="store_true", help="print a line per request (off by default)"
    )
    p.add_argument(
        "--demo", action="store_true", help="add the demo couple, Alex and Sam, if absent"
    )
    p.set_defaults(func=serve)
    sub.add_parser("worker", help="run the background worker").set_defaults(func=worker)
    sub.add_parser("demo", help="add the demo couple if absent").set_defaults(func=demo)
    p = sub.add_parser("analyze", help="text analysis: JSON lines in, JSON lines out")
    p.add_argument("kind", help="listening | empathy | emotions | conflict | safety")
    p.set_defaults(func=analyze)
    p = sub.add_parser("content", help="content catalogues")
    p.add_argument("action", choices=["check"])
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=content)
    sub.add_parser(
        "rotate-keys", help="re-encrypt all free text under the newest key"
    ).set_defaults(func=rotate_keys)
    p = sub.add_parser("vapid-keys", help="set up web push: make the VAPID key pair once")
    p.add_argument("--print", action="store_true", help="print a new private key, save nothing")
    p.set_defaults(func=vapid_keys)
    p = sub.add_parser("backup", help="back up the database and the key files, online")
    p.add_argument("--output", help="the file to write (default: a new file in DATA_DIR/backups)")
    p.set_defaults(func=backup)
    p = sub.add_parser("restore", help="restore a backup (stop the app first)")
    p.add_argument("file")
    p.set_defaults(func=restore)
    p = sub.add_parser("export", help="one person's data as JSON (docs/export.md)")
    p.add_argument("--user", required=True, metavar="EMAIL", help="the person's email address")
    p.add_argument("--output", help="the file to write (default: standard output)")
    p.set_defaults(func=export_person)
    p = sub.add_parser("import", help="bring one person's export in, as a new account")
    p.add_argument("file")
    p.add_argument("--email", help="import under this address instead of the one in the file")
    p.set_defaults(func=import_person)
    p = sub.add_parser(
        "safety-stats", help="counts of safety flags and of false alarms (no people, no text)"
    )
    p.add_argument("--days", type=int, default=30)
    p.set_defaults(func=safety_stats)
    p = sub.add_parser("manage", help="run a Django management command")
    p.add_argument("rest", nargs=argparse.REMAINDER)
    p.set_defaults(func=manage)
    args = parser.parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
