# Lotsen: `make run` serves the demo world, `make test` runs the whole suite.
# Both set up everything they need on a fresh machine.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
APPS := $(patsubst %/apps.py,%,$(wildcard lotsen/*/apps.py))
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run test setup install pdf-libraries saml-libraries gettext messages compilemessages makemessages lint format browser html-checker test-unit test-e2e check-deploy production-check redis bench clean

run: setup
	@echo ""
	@echo "Lotsen serves the demo world on http://127.0.0.1:$(PORT)/"
	@echo "Demo logins (password: lotsen-demo; second factor: an authenticator app with the"
	@echo "secret LOTSENDEMOTOTPSECRETLOTSENDEMO23, or: oathtool --totp -b LOTSENDEMOTOTPSECRETLOTSENDEMO23):"
	@echo "  samordnare@lotsen.test   coordinator (Samordningsförbundet Södra Norrbotten)"
	@echo "  handlaggare@lotsen.test  caseworker (Arbetsförmedlingen)"
	@echo "  foretag@lotsen.test      enterprise (Snickeriet i Piteå)"
	@echo "  stodaktor@lotsen.test    support provider (Coompanion Norrbotten)"
	@echo "  styrgrupp@lotsen.test    steering group (Region Norrbotten)"
	@echo "  admin@lotsen.test        system administrator"
	@echo "Participants sign in to http://127.0.0.1:$(PORT)/mina-sidor/ with Demo-BankID (a stand-in"
	@echo "for e-legitimation that lists demo participants' personnummer)."
	@echo ""
	DEBUG=1 PORT=$(PORT) SITE_URL=http://127.0.0.1:$(PORT) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

setup: install pdf-libraries saml-libraries compilemessages
	@mkdir -p var
	DEBUG=1 $(BIN)/python manage.py migrate --noinput -v0
	DEBUG=1 $(BIN)/python manage.py seed_demo

install: $(VENV)/.installed

$(VENV)/.installed: requirements.lock
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11 or newer is required"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	touch $@

# WeasyPrint (placement agreements as PDF) needs Pango; as root it is installed when missing.
pdf-libraries:
	@ldconfig -p | grep -q libpangoft2-1.0 || { [ "$$(id -u)" = 0 ] && (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core >/dev/null); } || echo "Install libpango-1.0-0 and libpangoft2-1.0-0: without them agreements cannot be printed as PDF."

# Single sign-on over SAML (pysaml2) signs and verifies with the xmlsec1 program.
saml-libraries:
	@command -v xmlsec1 >/dev/null || { [ "$$(id -u)" = 0 ] && (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq xmlsec1 >/dev/null); } || echo "Install xmlsec1: without it single sign-on over SAML cannot work."

# gettext provides msgfmt; it is installed from the system's packages when missing.
gettext:
	@command -v msgfmt >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq gettext >/dev/null; } || { echo "Install gettext (msgfmt)"; exit 1; }

compilemessages: install gettext
	@for app in $(APPS); do \
	  if [ -d $$app/locale ]; then (cd $$app && DEBUG=1 ../../$(BIN)/python ../../manage.py compilemessages -v0) || exit 1; fi; \
	done

makemessages: install gettext
	@for app in $(APPS); do \
	  mkdir -p $$app/locale && (cd $$app && DEBUG=1 ../../$(BIN)/python ../../manage.py makemessages -l sv --no-obsolete --no-location --no-wrap -v0) || exit 1; \
	done

messages: makemessages compilemessages

# mypy checks the domain modules listed under [tool.mypy] in pyproject.toml (decision 0192).
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The browser layer drives Debian's Chromium; as root it is installed when missing.
browser:
	@command -v chromium >/dev/null || { [ "$$(id -u)" = 0 ] && (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null); } || echo "Chromium is not installed: the browser tests will be skipped (CI requires them)."

# Tests that commit real transactions end with a flush that empties the reference data
# the migrations loaded; they run on their own after the rest (decision 0169).
test-unit: install saml-libraries compilemessages
	$(BIN)/pytest -n auto -m "not commits" lotsen
	$(BIN)/pytest -m commits lotsen

# The browser layer checks every crawled page with the W3C Nu HTML checker: npm's vnu-jar,
# pinned in package-lock.json, run with headless Java (decision 0207). As root Java and npm
# are installed when missing.
html-checker: node_modules/.installed

node_modules/.installed: package-lock.json
	@command -v java >/dev/null || { [ "$$(id -u)" = 0 ] && (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null); } || echo "Install default-jre-headless: without Java the HTML checker cannot run (CI requires it)."
	@command -v npm >/dev/null || { [ "$$(id -u)" = 0 ] && (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null); } || echo "Install npm: without it the HTML checker cannot be installed (CI requires it)."
	@if command -v npm >/dev/null; then npm ci --ignore-scripts --no-audit --no-fund --silent && touch $@; fi

test-e2e: install compilemessages browser html-checker
	$(BIN)/pytest tests/e2e

test: setup lint test-unit test-e2e

check-deploy: install
	$(BIN)/python manage.py check --deploy --fail-level WARNING

# Redis for the production check, when neither a server answers nor the program is there.
redis:
	@command -v redis-server >/dev/null || { [ "$$(id -u)" = 0 ] && (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null); } || echo "Install redis-server: the production check starts one when none answers on 127.0.0.1:6379."

# The production stack on this machine (PostgreSQL, Redis, gunicorn, the task worker, the
# scheduler, WhiteNoise) with smoke journeys over HTTP; stops all it started (decision 0200).
production-check: install compilemessages redis
	$(BIN)/python deploy/production_check.py

bench: setup
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) var node_modules
