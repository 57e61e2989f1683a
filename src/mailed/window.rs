//! Where a #10 window envelope shows a folded letter, and the address block placed in it.
//!
//! A #10 envelope is 4 1/8 by 9 1/2 in; its standard window is 1 1/8 by 4 1/2 in, 7/8 in
//! from the left edge and 1/2 in from the bottom. A US Letter sheet folded in three puts
//! its top third (11/3 in) behind the window side. Resting at the bottom of the envelope,
//! as it settles in the mail, the sheet shows through the window from 2.042 in to 3.167 in
//! below its top edge (11/3 − 1 5/8 and 11/3 − 1/2); the sheet can also slide up to 0.46 in
//! and sideways up to 1 in, so the block keeps to the band every position shows: from
//! 7/8 in to 4 3/8 in from the left edge. The address block's first line box starts
//! 150 pt (2.08 in) down; at the body's 13.8 pt pitch the name and four address lines end
//! 219 pt down (descenders included), inside the window's 228 pt.

use super::Role;
use crate::diagnostic::Diagnostic;
use crate::layout::Item;

/// The window's top and bottom edges on the sheet, pt from its top edge.
pub const TOP: f64 = 147.0;
pub const BOTTOM: f64 = 228.0;
/// Its left and right edges on the sheet, pt from its left edge, wherever it slides.
pub const LEFT: f64 = 63.0;
pub const RIGHT: f64 = 315.0;
/// The top of the address block's first line box, pt from the sheet's top edge.
pub const ADDRESS_TOP: f64 = 150.0;

/// How far above a baseline a line's letters reach, and below it, as a share of the size
/// (Liberation Serif's ascender and descender).
const ASCENT: f64 = 0.891;
const DESCENT: f64 = 0.216;

/// The box the address block's letters fill: left, top, right, bottom, pt.
pub fn block_extent(items: &[Item]) -> Option<(f64, f64, f64, f64)> {
    let mut out: Option<(f64, f64, f64, f64)> = None;
    for item in items {
        let Item::Line(l) = item else { continue };
        let b = (
            l.x,
            l.y - l.size * ASCENT,
            l.x + l.width,
            l.y + l.size * DESCENT,
        );
        out = Some(match out {
            None => b,
            Some(o) => (o.0.min(b.0), o.1.min(b.1), o.2.max(b.2), o.3.max(b.3)),
        });
    }
    out
}

/// An error unless a laid-out address block lies inside the window.
pub fn check_fits(items: &[Item], role: Role) -> Result<(), Diagnostic> {
    let Some((left, top, right, bottom)) = block_extent(items) else {
        return Err(Diagnostic::error(
            "mailed.address",
            format!(
                "the address block of the {} copy prints nothing",
                role.key()
            ),
        )
        .hint("template mailed-address.md prints the recipient's name and address"));
    };
    if left < LEFT || right > RIGHT || top < TOP || bottom > BOTTOM {
        return Err(Diagnostic::error(
            "mailed.address",
            format!(
                "the {}'s address block ({left:.0}–{right:.0} pt across, {top:.0}–{bottom:.0} pt down) does not fit the #10 envelope's window ({LEFT:.0}–{RIGHT:.0} pt across, {TOP:.0}–{BOTTOM:.0} pt down)",
                role.key().replace('-', " ")
            ),
        )
        .field(format!("parties.{}.address", role.field()))
        .hint("shorten the longest address line, or keep the name and at most four lines"));
    }
    Ok(())
}

/// The error when the letterhead reaches into the window.
pub fn letterhead_too_tall(bottom: f64) -> Diagnostic {
    Diagnostic::error(
        "mailed.letterhead",
        format!(
            "the mailed letterhead reaches {bottom:.0} pt down the page, into the envelope's window (from {TOP:.0} pt)"
        ),
    )
    .hint("shorten mailed-letterhead.md or the return_address setting (a name and three lines fit)")
}
