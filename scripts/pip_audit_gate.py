"""Run pip-audit on the installed environment and fail only on what we can act on.

- Fails (exit 1) when an installed package has a known vulnerability that has a fix.
- Reports, without failing, known vulnerabilities that have no fixed release yet.
- Retries when the advisory service is unreachable, then reports how many packages could
  not be audited. By default that is a loud warning, not a failure (a network outage must
  not block a release); set PIP_AUDIT_STRICT=1 to make it fail, e.g. in a release pipeline.

Usage: python scripts/pip_audit_gate.py [extra pip-audit arguments]
"""
import json
import os
import subprocess  # nosec B404
import sys
import time

ATTEMPTS = int(os.environ.get("PIP_AUDIT_ATTEMPTS", "3"))


def run_audit(extra: list[str]) -> dict | None:
    command = [sys.executable, "-m", "pip_audit", "--progress-spinner", "off", "--format", "json",
               "--skip-editable", "--timeout", os.environ.get("PIP_AUDIT_TIMEOUT", "30"), *extra]
    for attempt in range(1, ATTEMPTS + 1):
        result = subprocess.run(command, capture_output=True, text=True)  # nosec B603
        try:
            return json.loads(result.stdout)
        except json.JSONDecodeError:
            print(f"pip-audit attempt {attempt} gave no report: {result.stderr.strip()[-400:]}",
                  file=sys.stderr)
            time.sleep(2 * attempt)
    return None


def main() -> int:
    strict = os.environ.get("PIP_AUDIT_STRICT") == "1"
    report = run_audit(sys.argv[1:])
    if report is None:
        print("pip-audit: the audit could not run (advisory service unreachable?).")
        return 1 if strict else 0
    deps = report.get("dependencies", [])
    fixable, unfixable, skipped = [], [], []
    for dep in deps:
        if "skip_reason" in dep:
            skipped.append(dep["name"])
            continue
        for vuln in dep.get("vulns", []):
            entry = f"{dep['name']} {dep['version']}: {vuln['id']}"
            if vuln.get("fix_versions"):
                fixable.append(f"{entry} (fixed in {', '.join(vuln['fix_versions'])})")
            else:
                unfixable.append(entry)
    audited = len(deps) - len(skipped)
    print(f"pip-audit: {audited} of {len(deps)} installed packages audited, "
          f"{len(fixable)} fixable and {len(unfixable)} unfixed known vulnerabilities.")
    for line in unfixable:
        print(f"  no fix released yet: {line}")
    if skipped:
        print(f"  WARNING: {len(skipped)} packages could not be audited (no advisory data "
              f"reachable for them): {', '.join(sorted(skipped)[:12])}"
              f"{' ...' if len(skipped) > 12 else ''}")
    for line in fixable:
        print(f"  UPGRADE NEEDED: {line}")
    if fixable:
        return 1
    if skipped and strict:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
