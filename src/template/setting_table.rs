//! The table of template settings: each key, the values it takes, its default (the real
//! letters' value), what it means, and whether one case may set it for its own letter (a
//! case file's `[settings]`, format 1.1) or only a run. `settings` reads and checks values
//! against it; the README's settings table and `templates list` describe it.

/// What values a setting takes.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// Any text without control characters (empty: the feature is off).
    Text,
    /// Text that must print something: not empty, no control characters.
    Line,
    /// A `date` filter pattern that prints something (`%m/%d/%Y`).
    DateFormat,
    /// One of the listed words.
    Choice(&'static [&'static str]),
    /// A number in points (or a plain number) within a range.
    Number { min: f64, max: f64 },
    /// `true` or `false`.
    Flag,
    /// Names of letter sections (`summary`, `issues`): comma-separated, or a TOML array.
    Sections,
    /// Lines of text (an address): separated by `|`, or a TOML array of strings.
    Lines,
}

/// Who may set a setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// A run (`settings.toml`, `--var`) and one case for its letter (`[settings]`).
    Case,
    /// A run only; why a case may not.
    Run(&'static str),
}

/// Why the organization's settings are not a case's.
const ORGANIZATION: &str = "it is the review organization's, the same in every letter it sends: set it in the template folder's settings.toml";
/// Why the resources a run loads once are not a case's.
const LOADED_ONCE: &str =
    "fonts and images are loaded once for a whole run: set it in settings.toml or with --var";
/// Why the letter design's sizes are not a case's.
const DESIGN: &str =
    "it is the letter design's, the same in every letter: set it in settings.toml or with --var";
/// Why the page furniture is not a case's.
const FURNITURE: &str = "page furniture is the run's (a draft run, a print run): set it in settings.toml, with --var or --draft";

/// One setting: its key, default and meaning.
#[derive(Debug)]
pub struct Spec {
    pub key: &'static str,
    pub kind: Kind,
    pub default: &'static str,
    pub about: &'static str,
    pub scope: Scope,
}

/// Every setting, with the real letters' values as defaults.
pub const SPECS: &[Spec] = &[
    Spec {
        key: "new_page_before",
        kind: Kind::Sections,
        default: "",
        about: "letter sections that start on a new page, comma-separated (header, determination, summary, issues; empty: none)",
        scope: Scope::Case,
    },
    Spec {
        key: "keep_headings_with_next",
        kind: Kind::Flag,
        default: "true",
        about: "a heading moves to the next page rather than stand alone at the foot of one (Word's keep with next); false lets it stand",
        scope: Scope::Case,
    },
    Spec {
        key: "organization",
        kind: Kind::Line,
        default: "MAXIMUS Federal Services",
        about: "the review organization, as the determination paragraph names it",
        scope: Scope::Run(ORGANIZATION),
    },
    Spec {
        key: "organization_short",
        kind: Kind::Line,
        default: "MAXIMUS",
        about: "the organization in the `<org> guideline:` label",
        scope: Scope::Run(ORGANIZATION),
    },
    Spec {
        key: "wording",
        kind: Kind::Choice(&["seed", "2016"]),
        default: "seed",
        about: "guideline sentence for a non-MTUS basis: `seed` (did not base their decision on the MTUS) or `2016` (recommendation(s) outside of the MTUS Guidelines)",
        scope: Scope::Case,
    },
    Spec {
        key: "date_format",
        kind: Kind::DateFormat,
        default: "%m/%d/%Y",
        about: "how the `date` filter prints dates (%Y %y %m %-m %d %-d %e %B %b)",
        scope: Scope::Run(
            "dates print one way in every letter of a run: set it in settings.toml or with --var",
        ),
    },
    Spec {
        key: "page_size",
        kind: Kind::Choice(&["letter", "a4"]),
        default: "letter",
        about: "paper: US Letter (8.5 x 11 in) or A4",
        scope: Scope::Case,
    },
    Spec {
        key: "margin_top",
        kind: Kind::Number {
            min: 0.0,
            max: 300.0,
        },
        default: "72",
        about: "top margin, pt",
        scope: Scope::Case,
    },
    Spec {
        key: "margin_bottom",
        kind: Kind::Number {
            min: 0.0,
            max: 300.0,
        },
        default: "72",
        about: "bottom margin, pt",
        scope: Scope::Case,
    },
    Spec {
        key: "margin_left",
        kind: Kind::Number {
            min: 0.0,
            max: 300.0,
        },
        default: "72",
        about: "left margin, pt",
        scope: Scope::Case,
    },
    Spec {
        key: "margin_right",
        kind: Kind::Number {
            min: 0.0,
            max: 300.0,
        },
        default: "72",
        about: "right margin, pt",
        scope: Scope::Case,
    },
    Spec {
        key: "body_size",
        kind: Kind::Number {
            min: 4.0,
            max: 48.0,
        },
        default: "12",
        about: "body text size, pt",
        scope: Scope::Run(DESIGN),
    },
    Spec {
        key: "table_size",
        kind: Kind::Number {
            min: 4.0,
            max: 48.0,
        },
        default: "11",
        about: "header table text size, pt",
        scope: Scope::Run(DESIGN),
    },
    Spec {
        key: "table_columns",
        kind: Kind::Text,
        default: "107.4, 149.52, 97.92, 123.96",
        about: "header table column widths, pt, comma-separated",
        scope: Scope::Run(DESIGN),
    },
    Spec {
        key: "footer",
        kind: Kind::Text,
        default: "",
        about: "a line centred under the text of every page, e.g. \"Page {page} of {pages}\" (empty: none, as the real letters)",
        scope: Scope::Run(FURNITURE),
    },
    Spec {
        key: "running_header",
        kind: Kind::Text,
        default: "",
        about: "a line at the top right of pages 2 and on, e.g. \"{case_number}\" (empty: none)",
        scope: Scope::Run(FURNITURE),
    },
    Spec {
        key: "watermark",
        kind: Kind::Text,
        default: "",
        about: "large grey diagonal text across every page (`--draft` sets DRAFT; empty: none)",
        scope: Scope::Run(FURNITURE),
    },
    Spec {
        key: "logo",
        kind: Kind::Text,
        default: "",
        about: "PNG or JPEG image drawn at the top right of page 1 (empty: none; none ships)",
        scope: Scope::Run(LOADED_ONCE),
    },
    Spec {
        key: "letterhead_align",
        kind: Kind::Choice(&["left", "center", "right"]),
        default: "left",
        about: "how the letterhead's lines and logo (template letterhead.md) stand on page 1",
        scope: Scope::Run(DESIGN),
    },
    Spec {
        key: "logo_height",
        kind: Kind::Number {
            min: 4.0,
            max: 144.0,
        },
        default: "30.1",
        about: "height of the logo, pt (its width follows the image's proportions)",
        scope: Scope::Run(DESIGN),
    },
    Spec {
        key: "logo_alt",
        kind: Kind::Text,
        default: "",
        about: "what the logo shows, read out in its place in a tagged PDF, unless the letterhead's ![text](logo) says (empty: the logo is decoration, skipped by readers)",
        scope: Scope::Run(ORGANIZATION),
    },
    Spec {
        key: "body_font",
        kind: Kind::Text,
        default: "",
        about: "TTF/OTF file for body text (empty: built-in Liberation Serif)",
        scope: Scope::Run(LOADED_ONCE),
    },
    Spec {
        key: "body_bold_font",
        kind: Kind::Text,
        default: "",
        about: "TTF/OTF file for bold body text (empty: built-in Liberation Serif Bold)",
        scope: Scope::Run(LOADED_ONCE),
    },
    Spec {
        key: "body_italic_font",
        kind: Kind::Text,
        default: "",
        about: "TTF/OTF file for italic body text (empty: built-in Liberation Serif Italic)",
        scope: Scope::Run(LOADED_ONCE),
    },
    Spec {
        key: "body_bold_italic_font",
        kind: Kind::Text,
        default: "",
        about: "TTF/OTF file for bold italic body text (empty: built-in Liberation Serif Bold Italic)",
        scope: Scope::Run(LOADED_ONCE),
    },
    Spec {
        key: "table_font",
        kind: Kind::Text,
        default: "",
        about: "TTF/OTF file for the header table (empty: built-in Liberation Sans)",
        scope: Scope::Run(LOADED_ONCE),
    },
    Spec {
        key: "table_bold_font",
        kind: Kind::Text,
        default: "",
        about: "TTF/OTF file for the header table's labels (empty: built-in Liberation Sans Bold)",
        scope: Scope::Run(LOADED_ONCE),
    },
    Spec {
        key: "holiday_calendar",
        kind: Kind::Text,
        default: "",
        about: "TOML file of judicial holidays for years past the built-in 2013 to 2018 (`[years.2019]` tables of `2019-01-01 = \"New Year's Day\"`), for the mailed edition's last day to appeal",
        scope: Scope::Run(
            "the holiday calendar is read once for a whole run: set it in settings.toml or with --var",
        ),
    },
    Spec {
        key: "mailed_from_region",
        kind: Kind::Choice(&["CA", "US", "foreign"]),
        default: "CA",
        about: "where the mailed edition's copies are mailed from: CA, US (another state) or foreign; with each recipient's region it decides the days mailing adds to the appeal period",
        scope: Scope::Run(ORGANIZATION),
    },
    Spec {
        key: "return_address",
        kind: Kind::Lines,
        default: "",
        about: "the organization's return address on the mailed notice's letterhead, lines separated by | (a TOML array in settings.toml); the mailed edition requires it",
        scope: Scope::Run(ORGANIZATION),
    },
    Spec {
        key: "signatory",
        kind: Kind::Lines,
        default: "",
        about: "who signs the mailed notice: name, then title, lines separated by | (empty: the organization alone)",
        scope: Scope::Run(ORGANIZATION),
    },
    Spec {
        key: "mailed_from",
        kind: Kind::Text,
        default: "",
        about: "the place of mailing the proof of service states, e.g. \"Sacramento, California\"; the mailed edition requires it",
        scope: Scope::Run(ORGANIZATION),
    },
    Spec {
        key: "served_by",
        kind: Kind::Text,
        default: "",
        about: "the person who mails the copies and signs the proof of service; the mailed edition requires it",
        scope: Scope::Run(ORGANIZATION),
    },
    Spec {
        key: "imr_unit_address",
        kind: Kind::Lines,
        default: "",
        about: "where an appeal is served on the DWC's IMR Unit, lines separated by |, on the appeal-rights page; the mailed edition requires it",
        scope: Scope::Run(ORGANIZATION),
    },
    Spec {
        key: "help_contacts",
        kind: Kind::Lines,
        default: "",
        about: "where a party can get help with an appeal (the DWC Information & Assistance Unit, the organization's own line), lines separated by |, on the appeal-rights page (empty: none printed)",
        scope: Scope::Run(ORGANIZATION),
    },
];
