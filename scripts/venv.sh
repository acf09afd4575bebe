# Sourced by run-demo and run-tests: make .venv with Python >= 3.11 and install calmdesk into it.
# Re-installs only when pyproject.toml changes, so repeated runs start quickly.

ensure_venv() {
  local extras="$1"
  local python="${PYTHON:-python3}"
  if ! command -v "$python" >/dev/null 2>&1; then
    echo "calmdesk needs Python 3.11 or newer: install python3 first." >&2
    exit 1
  fi
  if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "calmdesk needs Python 3.11 or newer; $python is $("$python" --version 2>&1)." >&2
    exit 1
  fi
  if [ ! -x .venv/bin/python ]; then
    if ! "$python" -m venv .venv 2>/dev/null; then
      rm -rf .venv
      # Debian ships venv support as a separate package.
      if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "Installing python3-venv (Debian keeps it apart from python3)..."
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
        "$python" -m venv .venv
      else
        echo "Python cannot make a virtual environment here. On Debian or Ubuntu run:" >&2
        echo "  sudo apt-get install python3-venv" >&2
        exit 1
      fi
    fi
  fi
  local stamp=".venv/.calmdesk-installed-$extras"
  local want
  want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "Installing calmdesk and its dependencies into .venv ..."
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".$extras"
    echo "$want" > "$stamp"
  fi
}
