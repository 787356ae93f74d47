"""The `leantf` command (also `python -m leantf`).

Each subcommand lives in its own module and is imported only when chosen, so `leantf info`
or `leantf run` do not pay for Keras unless the script asks for it.

    leantf               same as `leantf demo`
    leantf demo          train the seed's CNN on the embedded MNIST sample with Keras fit
    leantf tour          tensors, ops and a gradient, printed as they run
    leantf info          versions, BLAS, backends
    leantf run SCRIPT    run an unmodified TensorFlow program on leantf
"""
import argparse
import sys

__all__ = ["main", "build_parser"]


def build_parser():
    parser = argparse.ArgumentParser(
        prog="leantf", description="TensorFlow 2 with Keras, re-built lean on NumPy.",
        epilog="With no command, `leantf` runs the demo.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    demo = sub.add_parser("demo", help="train the seed's CNN on the embedded 10k-digit MNIST sample (the default)",
                          description="Train the CNN of the study notes with Keras fit on the 8,000 training "
                                      "digits embedded in leantf, then report test accuracy and speed.")
    # Defaults live in demo.py; None here means "use the demo's choice".
    demo.add_argument("--epochs", type=int, default=None, help="training epochs (default: 2)")
    demo.add_argument("--batch-size", type=int, default=None, help="batch size (default: 50, as in the notes)")
    demo.add_argument("--quick", action="store_true",
                      help="a few steps on a few hundred digits: checks the path, not the accuracy")
    sub.add_parser("tour", help="a short tour: tensors, ops and a gradient")
    sub.add_parser("info", help="leantf, Python, NumPy and BLAS versions; available backends")
    run = sub.add_parser("run", help="run a TensorFlow script with `tensorflow` and `keras` imports served by leantf",
                         description="Run SCRIPT as `python SCRIPT ARGS...` would, with `import tensorflow` "
                                     "and `import keras` (and their submodules) resolved to leantf.")
    run.add_argument("script", metavar="SCRIPT")
    run.add_argument("args", metavar="ARGS", nargs=argparse.REMAINDER, help="arguments passed on to SCRIPT")
    return parser


def main(argv=None):
    argv = sys.argv[1:] if argv is None else list(argv)
    # `leantf run SCRIPT --flag` must hand `--flag` to the script, never to argparse (which
    # would read an unknown option before REMAINDER gets a chance in some orders).
    if len(argv) >= 2 and argv[0] == "run" and not argv[1].startswith("-"):
        from .run import run_script
        return run_script(argv[1], argv[2:])
    # Plain `leantf` is the demo, and so is `leantf --epochs 1`: options before any command
    # belong to the demo (only -h/--help stays with the top-level parser).
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help")):
        argv = ["demo"] + argv
    args = build_parser().parse_args(argv)
    if args.command == "demo":
        from .demo import demo
        return demo(epochs=args.epochs, batch_size=args.batch_size, quick=args.quick)
    if args.command == "tour":
        from .tour import tour
        return tour()
    if args.command == "info":
        from .info import info
        return info()
    if args.command == "run":
        from .run import run_script
        return run_script(args.script, args.args)
    return 2  # argparse rejects unknown commands before this
