//! What PDF/A-2b adds to a letter besides its XMP: an output intent in sRGB, so the RGB
//! and grey colours the pages use are device-independent (ISO 19005-2, 6.2.4.2). The
//! profile is `icc/sRGB.icc` (Zlib licence, `icc/LICENSE`), built into the binary.

use lopdf::{Dictionary, Object, Stream};

/// The sRGB IEC61966-2.1 profile (ICC v2).
const SRGB: &[u8] = include_bytes!("../../../icc/sRGB.icc");

/// Adds the output intent to the catalog.
pub fn add_output_intent(lo: &mut lopdf::Document) -> Result<(), lopdf::Error> {
    let mut profile = Dictionary::new();
    profile.set("N", Object::Integer(3));
    let profile = lo.add_object(Object::Stream(Stream::new(profile, SRGB.to_vec())));
    let mut intent = Dictionary::new();
    intent.set("Type", Object::Name(b"OutputIntent".to_vec()));
    intent.set("S", Object::Name(b"GTS_PDFA1".to_vec()));
    intent.set(
        "OutputConditionIdentifier",
        Object::string_literal("sRGB IEC61966-2.1"),
    );
    intent.set("Info", Object::string_literal("sRGB IEC61966-2.1"));
    intent.set("DestOutputProfile", Object::Reference(profile));
    let catalog = lo.catalog_mut()?;
    catalog.set(
        "OutputIntents",
        Object::Array(vec![Object::Dictionary(intent)]),
    );
    Ok(())
}
