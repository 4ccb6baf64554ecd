"""argparse's own words that `heattimer` can show, marked so that extraction puts them in our
catalogue: argparse looks them up through gettext's global domain, which heattimer.i18n sets
to ours, so a German `heattimer --help` or a mistake on the command line reads German too.

Never imported by the app. tests/test_translations.py checks that each is still a string of
argparse's, word for word, so a new Python that changes one is noticed.
"""

from heattimer.i18n import N_, ngettext

ARGPARSE_WORDS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("ignored explicit argument %r"),
    N_("unexpected option string: %s"),
)
ARGPARSE_PLURALS = (("expected %s argument", "expected %s arguments"),)


def _plurals() -> None:  # (for extraction only: argparse asks ngettext for these)
    ngettext("expected %s argument", "expected %s arguments", 2)
