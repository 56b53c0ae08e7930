"""The application file to give spark-submit, which runs a Python file, not a command.

    spark-submit --master URL "$(python -m storylens.spark.submit --path)" analyze ... --engine spark

runs `storylens` with the arguments after the file, inside the driver spark-submit
started, so the session takes its master and resources from spark-submit's options.
"""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] == ["--path"]:
        print(__file__)
        return
    from storylens.cli import main as storylens

    storylens()


if __name__ == "__main__":
    main()
