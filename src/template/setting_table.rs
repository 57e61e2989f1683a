//! The table of template settings: each key, the values it takes, its default (the real
//! letters' value) and what it means. `settings` reads and checks values against it; the
//! README's settings table and `templates list` describe it.

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
}

/// One setting: its key, default and meaning.
#[derive(Debug)]
pub struct Spec {
    pub key: &'static str,
    pub kind: Kind,
    pub default: &'static str,
    pub about: &'static str,
}

/// Every setting, with the real letters' values as defaults.
pub const SPECS: &[Spec] = &[
    Spec {
        key: "organization",
        kind: Kind::Line,
        default: "MAXIMUS Federal Services",
        about: "the review organization, as the determination paragraph names it",
    },
    Spec {
        key: "organization_short",
        kind: Kind::Line,
        default: "MAXIMUS",
        about: "the organization in the `<org> guideline:` label",
    },
    Spec {
        key: "wording",
        kind: Kind::Choice(&["seed", "2016"]),
        default: "seed",
        about: "guideline sentence for a non-MTUS basis: `seed` (did not base their decision on the MTUS) or `2016` (recommendation(s) outside of the MTUS Guidelines)",
    },
    Spec {
        key: "date_format",
        kind: Kind::DateFormat,
        default: "%m/%d/%Y",
        about: "how the `date` filter prints dates (%Y %y %m %-m %d %-d %e %B %b)",
    },
    Spec {
        key: "page_size",
        kind: Kind::Choice(&["letter", "a4"]),
        default: "letter",
        about: "paper: US Letter (8.5 x 11 in) or A4",
    },
    Spec {
        key: "margin_top",
        kind: Kind::Number {
            min: 0.0,
            max: 300.0,
        },
        default: "72",
        about: "top margin, pt",
    },
    Spec {
        key: "margin_bottom",
        kind: Kind::Number {
            min: 0.0,
            max: 300.0,
        },
        default: "72",
        about: "bottom margin, pt",
    },
    Spec {
        key: "margin_left",
        kind: Kind::Number {
            min: 0.0,
            max: 300.0,
        },
        default: "72",
        about: "left margin, pt",
    },
    Spec {
        key: "margin_right",
        kind: Kind::Number {
            min: 0.0,
            max: 300.0,
        },
        default: "72",
        about: "right margin, pt",
    },
    Spec {
        key: "body_size",
        kind: Kind::Number {
            min: 4.0,
            max: 48.0,
        },
        default: "12",
        about: "body text size, pt",
    },
    Spec {
        key: "table_size",
        kind: Kind::Number {
            min: 4.0,
            max: 48.0,
        },
        default: "11",
        about: "header table text size, pt",
    },
    Spec {
        key: "table_columns",
        kind: Kind::Text,
        default: "107.4, 149.52, 97.92, 123.96",
        about: "header table column widths, pt, comma-separated",
    },
    Spec {
        key: "footer",
        kind: Kind::Text,
        default: "",
        about: "a line centred under the text of every page, e.g. \"Page {page} of {pages}\" (empty: none, as the real letters)",
    },
    Spec {
        key: "running_header",
        kind: Kind::Text,
        default: "",
        about: "a line at the top right of pages 2 and on, e.g. \"{case_number}\" (empty: none)",
    },
    Spec {
        key: "watermark",
        kind: Kind::Text,
        default: "",
        about: "large grey diagonal text across every page (`--draft` sets DRAFT; empty: none)",
    },
    Spec {
        key: "logo",
        kind: Kind::Text,
        default: "",
        about: "PNG or JPEG image drawn at the top right of page 1 (empty: none; none ships)",
    },
    Spec {
        key: "logo_height",
        kind: Kind::Number {
            min: 4.0,
            max: 144.0,
        },
        default: "30.1",
        about: "height of the logo, pt (its width follows the image's proportions)",
    },
    Spec {
        key: "body_font",
        kind: Kind::Text,
        default: "",
        about: "TTF/OTF file for body text (empty: built-in Liberation Serif)",
    },
    Spec {
        key: "body_bold_font",
        kind: Kind::Text,
        default: "",
        about: "TTF/OTF file for bold body text (empty: built-in Liberation Serif Bold)",
    },
    Spec {
        key: "body_italic_font",
        kind: Kind::Text,
        default: "",
        about: "TTF/OTF file for italic body text (empty: built-in Liberation Serif Italic)",
    },
    Spec {
        key: "body_bold_italic_font",
        kind: Kind::Text,
        default: "",
        about: "TTF/OTF file for bold italic body text (empty: built-in Liberation Serif Bold Italic)",
    },
    Spec {
        key: "table_font",
        kind: Kind::Text,
        default: "",
        about: "TTF/OTF file for the header table (empty: built-in Liberation Sans)",
    },
    Spec {
        key: "table_bold_font",
        kind: Kind::Text,
        default: "",
        about: "TTF/OTF file for the header table's labels (empty: built-in Liberation Sans Bold)",
    },
];
