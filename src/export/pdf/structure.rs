//! The structure tree of a tagged letter, written into the document printpdf built: one
//! `StructElem` object per element of the [`Structure`], the `StructTreeRoot` with its
//! `ParentTree` (for page *i*, the element of each MCID in order), `/StructParents i` and
//! `/Tabs /S` on every page, and the catalog's `/MarkInfo`, `/Lang` and
//! `/ViewerPreferences` (the title shown as the window's).

use lopdf::{Dictionary, Object, ObjectId};

use super::tags::{Kid, Role, Structure};
use crate::diagnostic::Diagnostic;

/// The letters' language.
pub const LANGUAGE: &str = "en-US";

/// Adds the structure tree and the catalog entries of a tagged PDF.
pub fn write_structure(lo: &mut lopdf::Document, structure: &Structure) -> Result<(), Diagnostic> {
    let pages: Vec<ObjectId> = lo.get_pages().into_values().collect();
    if pages.len() != structure.pages.len() {
        return Err(Diagnostic::error(
            "pdf.write",
            format!(
                "the PDF has {} pages and its structure {}",
                pages.len(),
                structure.pages.len()
            ),
        ));
    }
    let root = lo.new_object_id();
    let ids: Vec<ObjectId> = structure
        .elements
        .iter()
        .map(|_| lo.new_object_id())
        .collect();
    for (i, element) in structure.elements.iter().enumerate() {
        let mut dict = Dictionary::new();
        dict.set("Type", Object::Name(b"StructElem".to_vec()));
        dict.set("S", Object::Name(element.role.name().as_bytes().to_vec()));
        let parent = if element.role == Role::Document {
            root
        } else {
            ids[element.parent]
        };
        dict.set("P", Object::Reference(parent));
        // the page of the element's first marked content is its /Pg; content on another
        // page is referenced with a marked-content reference naming that page
        let page = element.kids.iter().find_map(|k| match k {
            Kid::Content { page, .. } => Some(*page),
            Kid::Element(_) => None,
        });
        if let Some(page) = page {
            dict.set("Pg", Object::Reference(pages[page]));
        }
        let kids: Vec<Object> = element
            .kids
            .iter()
            .map(|kid| match *kid {
                Kid::Element(e) => Object::Reference(ids[e]),
                Kid::Content { page: p, mcid } if Some(p) == page => Object::Integer(mcid as i64),
                Kid::Content { page: p, mcid } => {
                    let mut mcr = Dictionary::new();
                    mcr.set("Type", Object::Name(b"MCR".to_vec()));
                    mcr.set("Pg", Object::Reference(pages[p]));
                    mcr.set("MCID", Object::Integer(mcid as i64));
                    Object::Dictionary(mcr)
                }
            })
            .collect();
        match kids.as_slice() {
            [] => {}
            [one] => dict.set("K", one.clone()),
            _ => dict.set("K", Object::Array(kids)),
        }
        if let Some(attributes) = table_attributes(element.role, element.col_span) {
            dict.set("A", Object::Dictionary(attributes));
        }
        if let Some(alt) = &element.alt {
            dict.set("Alt", super::finish::text_string(alt));
        }
        lo.objects.insert(ids[i], Object::Dictionary(dict));
    }

    let mut nums = Vec::with_capacity(pages.len() * 2);
    for (i, marked) in structure.pages.iter().enumerate() {
        nums.push(Object::Integer(i as i64));
        nums.push(Object::Array(
            marked.iter().map(|e| Object::Reference(ids[*e])).collect(),
        ));
    }
    let parent_tree = lo.add_object(Object::Dictionary(Dictionary::from_iter([(
        "Nums",
        Object::Array(nums),
    )])));
    let mut tree = Dictionary::new();
    tree.set("Type", Object::Name(b"StructTreeRoot".to_vec()));
    tree.set("K", Object::Reference(ids[0]));
    tree.set("ParentTree", Object::Reference(parent_tree));
    tree.set("ParentTreeNextKey", Object::Integer(pages.len() as i64));
    lo.objects.insert(root, Object::Dictionary(tree));

    for (i, page) in pages.iter().enumerate() {
        let dict = lo
            .get_object_mut(*page)
            .and_then(Object::as_dict_mut)
            .map_err(|e| {
                Diagnostic::error("pdf.write", "a page is missing").cause(e.to_string())
            })?;
        dict.set("StructParents", Object::Integer(i as i64));
        dict.set("Tabs", Object::Name(b"S".to_vec()));
    }

    let catalog = lo.catalog_mut().map_err(|e| {
        Diagnostic::error("pdf.write", "the PDF has no catalog").cause(e.to_string())
    })?;
    catalog.set("StructTreeRoot", Object::Reference(root));
    catalog.set(
        "MarkInfo",
        Object::Dictionary(Dictionary::from_iter([("Marked", Object::Boolean(true))])),
    );
    catalog.set("Lang", Object::string_literal(LANGUAGE));
    catalog.set(
        "ViewerPreferences",
        Object::Dictionary(Dictionary::from_iter([(
            "DisplayDocTitle",
            Object::Boolean(true),
        )])),
    );
    Ok(())
}

/// A table cell's attributes: a header cell heads its row; a cell spans its columns.
fn table_attributes(role: Role, span: usize) -> Option<Dictionary> {
    if !matches!(role, Role::TH | Role::TD) || (role == Role::TD && span <= 1) {
        return None;
    }
    let mut a = Dictionary::new();
    a.set("O", Object::Name(b"Table".to_vec()));
    if role == Role::TH {
        a.set("Scope", Object::Name(b"Row".to_vec()));
    }
    if span > 1 {
        a.set("ColSpan", Object::Integer(span as i64));
    }
    Some(a)
}
