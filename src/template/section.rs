//! The section table: every template file of a letter, in letter order, with its built-in
//! text. This one table drives loading, overriding, `templates list`, `templates export`
//! and the names used in errors.

/// What a template file is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Rendered on its own, in table order: one part of the letter.
    Letter,
    /// Included by another template (one item, one sentence).
    Part,
    /// Page furniture, rendered for each page once the letter is laid out: the
    /// letterhead (page 1), the running header (pages 2 and on), the footer (every page).
    Furniture,
    /// A page or part of the mailed edition's copies (`render --edition mailed`), rendered
    /// once per recipient; never part of the public letter.
    Mailed,
}

/// One template file.
#[derive(Debug)]
pub struct Section {
    /// The file name, which is also the section's name everywhere (`item.md`).
    pub file: &'static str,
    pub role: Role,
    /// What it produces, for `templates list`.
    pub about: &'static str,
    /// The built-in text, embedded in the binary.
    pub builtin: &'static str,
}

macro_rules! builtin {
    ($file:literal) => {
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/templates/", $file))
    };
}

/// Every template, in letter order (the page furniture first and last).
pub const SECTIONS: &[Section] = &[
    Section {
        file: "letterhead.md",
        role: Role::Furniture,
        about: "page 1's letterhead: lines and the logo above the letter (built in: none)",
        builtin: builtin!("letterhead.md"),
    },
    Section {
        file: "header.md",
        role: Role::Letter,
        about: "the header table: case number, dates, priority",
        builtin: builtin!("header.md"),
    },
    Section {
        file: "determination.md",
        role: Role::Letter,
        about: "how the determination was made, and the reviewer's credentials",
        builtin: builtin!("determination.md"),
    },
    Section {
        file: "summary.md",
        role: Role::Letter,
        about: "the clinical case summary",
        builtin: builtin!("summary.md"),
    },
    Section {
        file: "issues.md",
        role: Role::Letter,
        about: "issues, decisions and rationales: one item.md per item",
        builtin: builtin!("issues.md"),
    },
    Section {
        file: "item.md",
        role: Role::Part,
        about: "one disputed item: item line, guideline lines, rationale",
        builtin: builtin!("item.md"),
    },
    Section {
        file: "item-line.md",
        role: Role::Part,
        about: "the item line before `: Upheld` (modified-UR sentences)",
        builtin: builtin!("item-line.md"),
    },
    Section {
        file: "guideline.md",
        role: Role::Part,
        about: "one guideline sentence (MTUS, non-MTUS, no citation)",
        builtin: builtin!("guideline.md"),
    },
    Section {
        file: "advisory.md",
        role: Role::Part,
        about: "the opioid tapering advisory",
        builtin: builtin!("advisory.md"),
    },
    Section {
        file: "running-header.md",
        role: Role::Furniture,
        about: "the running header of pages 2 and on (built in: the running_header setting)",
        builtin: builtin!("running-header.md"),
    },
    Section {
        file: "footer.md",
        role: Role::Furniture,
        about: "the footer of every page (built in: the footer setting)",
        builtin: builtin!("footer.md"),
    },
    Section {
        file: "mailed-letterhead.md",
        role: Role::Mailed,
        about: "the mailed notice's letterhead: the organization and its return_address",
        builtin: builtin!("mailed-letterhead.md"),
    },
    Section {
        file: "mailed-address.md",
        role: Role::Mailed,
        about: "the recipient's name and address, placed for a #10 window envelope",
        builtin: builtin!("mailed-address.md"),
    },
    Section {
        file: "mailed-notice.md",
        role: Role::Mailed,
        about: "the notice page: date of mailing, RE block, salutation, the decisions, final and binding, what an overturn requires",
        builtin: builtin!("mailed-notice.md"),
    },
    Section {
        file: "mailed-notice-es.md",
        role: Role::Mailed,
        about: "the notice page in Spanish, for a recipient with language es",
        builtin: builtin!("mailed-notice-es.md"),
    },
    Section {
        file: "mailed-documents.md",
        role: Role::Mailed,
        about: "DOCUMENTS REVIEWED, after the determination (when the case lists them)",
        builtin: builtin!("mailed-documents.md"),
    },
    Section {
        file: "mailed-appeal-rights.md",
        role: Role::Mailed,
        about: "the appeal-rights page: who may appeal, the grounds, the caption, the numbers, where to file and serve, the last day",
        builtin: builtin!("mailed-appeal-rights.md"),
    },
    Section {
        file: "mailed-appeal-rights-es.md",
        role: Role::Mailed,
        about: "the appeal-rights page in Spanish",
        builtin: builtin!("mailed-appeal-rights-es.md"),
    },
    Section {
        file: "mailed-role.md",
        role: Role::Part,
        about: "a mailed copy's recipient's role, in English or Spanish",
        builtin: builtin!("mailed-role.md"),
    },
    Section {
        file: "mailed-cc.md",
        role: Role::Mailed,
        about: "the copies sent to the other recipients",
        builtin: builtin!("mailed-cc.md"),
    },
    Section {
        file: "mailed-proof-of-service.md",
        role: Role::Mailed,
        about: "the proof of service by mail: date, place, every recipient's address",
        builtin: builtin!("mailed-proof-of-service.md"),
    },
];

/// The furniture templates, by what they draw.
pub const LETTERHEAD: &str = "letterhead.md";
pub const RUNNING_HEADER: &str = "running-header.md";
pub const FOOTER: &str = "footer.md";

/// The mailed edition's templates, by what they make.
pub const MAILED_LETTERHEAD: &str = "mailed-letterhead.md";
pub const MAILED_ADDRESS: &str = "mailed-address.md";
pub const MAILED_DOCUMENTS: &str = "mailed-documents.md";
pub const MAILED_CC: &str = "mailed-cc.md";
pub const MAILED_PROOF: &str = "mailed-proof-of-service.md";

/// A page of the mailed copy in a language: `mailed-notice.md`, `mailed-notice-es.md`.
pub fn mailed_page(page: &str, language: crate::case::Language) -> &'static str {
    match (page, language) {
        ("notice", crate::case::Language::Spanish) => "mailed-notice-es.md",
        ("notice", _) => "mailed-notice.md",
        (_, crate::case::Language::Spanish) => "mailed-appeal-rights-es.md",
        _ => "mailed-appeal-rights.md",
    }
}

/// The settings file a template folder may hold beside its templates.
pub const SETTINGS_FILE: &str = "settings.toml";

/// The namespace the built-ins stay reachable under, so an override can extend one.
pub const BUILTIN_PREFIX: &str = "builtin/";

pub fn find_section(file: &str) -> Option<&'static Section> {
    SECTIONS.iter().find(|s| s.file == file)
}

/// The first line `templates export` writes into each file.
pub fn version_stamp(file: &str) -> String {
    format!(
        "{{#- {} {} built-in template {file}: edit freely; delete this file to use the built-in again -#}}",
        env!("CARGO_PKG_NAME"),
        env!("CARGO_PKG_VERSION")
    )
}

/// The version an exported template was stamped with, if it has a stamp.
pub fn stamped_version(text: &str) -> Option<&str> {
    let first = text.lines().next()?;
    let rest = first.strip_prefix(concat!("{#- ", env!("CARGO_PKG_NAME"), " "))?;
    rest.split_whitespace().next()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_round_trip() {
        let stamp = version_stamp("item.md");
        assert_eq!(stamped_version(&stamp), Some(env!("CARGO_PKG_VERSION")));
        assert_eq!(stamped_version("no stamp"), None);
    }

    #[test]
    fn every_builtin_is_present_and_named_once() {
        for (i, s) in SECTIONS.iter().enumerate() {
            assert!(!s.builtin.trim().is_empty(), "{} is empty", s.file);
            assert!(SECTIONS[i + 1..].iter().all(|t| t.file != s.file));
        }
    }
}
