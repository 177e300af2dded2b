#!/usr/bin/env python3
"""Writes wavelength(1) in roff from `wavelength --experimental-dump-help` (stdin → stdout).

The help text of swift-argument-parser is the one source: options, defaults and
subcommands in the man page are those of the binary being packaged.
"""
import datetime
import json
import os
import sys


def esc(text: str) -> str:
    text = (text or "").replace("\\", "\\e")
    return "\n".join(("\\&" + line) if line.startswith((".", "'")) else line for line in text.split("\n"))


def flag_names(arg: dict) -> str:
    names = []
    for name in arg.get("names", []):
        dash = "-" if name["kind"] in ("short", "longWithSingleDash") else "--"
        names.append("\\fB" + dash.replace("-", "\\-") + esc(name["name"]).replace("-", "\\-") + "\\fR")
    text = ", ".join(names) if names else "\\fI" + esc(arg.get("valueName", "")) + "\\fR"
    if arg["kind"] == "option":
        text += " \\fI" + esc(arg.get("valueName", "value")) + "\\fR"
    return text


def arguments(args: list) -> list:
    lines = []
    for arg in args:
        if not arg.get("shouldDisplay", True):
            continue
        lines += [".TP", flag_names(arg)]
        text = arg.get("abstract", "")
        if arg.get("defaultValue") is not None and arg["kind"] != "flag":
            text += f" (default: {arg['defaultValue']})"
        lines.append(esc(text))
    return lines


def command(cmd: dict, path: list, top: bool) -> list:
    lines = []
    if not top:
        lines += [".SS " + esc(" ".join(path[1:]))]
        lines += [esc(cmd.get("abstract", ""))]
        if cmd.get("discussion"):
            lines += [".PP", esc(cmd["discussion"])]
        lines += arguments(cmd.get("arguments", []))
    for sub in cmd.get("subcommands", []):
        if sub["commandName"] != "help" and sub.get("shouldDisplay", True):
            lines += command(sub, path + [sub["commandName"]], False)
    return lines


def main() -> None:
    root = json.load(sys.stdin)["command"]
    name = root["commandName"]
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0")) or None
    date = datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc) if epoch else datetime.datetime.now(datetime.timezone.utc)
    out = [
        f'.TH {name.upper()} 1 "{date:%Y-%m-%d}" "{name}" "User Commands"',
        ".SH NAME", f"{name} \\- {esc(root.get('abstract', ''))}",
        ".SH SYNOPSIS", f"\\fB{name}\\fR [\\fIsubcommand\\fR] [\\fIoptions\\fR]",
        ".SH DESCRIPTION", esc(root.get("abstract", "")),
    ]
    if root.get("discussion"):
        out += [".PP", esc(root["discussion"])]
    out += [".SH OPTIONS"] + arguments(root.get("arguments", []))
    out += [".SH COMMANDS"] + command(root, [name], True)
    out += [".SH FILES", ".TP", "\\fIwavelength.yaml\\fR",
            "Configuration read from the current folder when \\fB\\-\\-config\\fR is not given.",
            ".SH SEE ALSO", "/usr/share/doc/wavelength/OPERATIONS.md"]
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
