//! The structural checks of a tagged letter that validators miss (the `page` validator
//! passes a file whose ParentTree is empty): every painting operator on every page is
//! inside marked content with an MCID or inside an artifact; MCIDs are 0, 1, 2… on each
//! page; the ParentTree's array for a page's `/StructParents` has one entry per MCID,
//! naming the element whose `/K` claims that MCID on that page; and every MCID an
//! element claims is drawn. Plus the catalog and page entries PDF/UA wants.

use std::collections::{BTreeMap, BTreeSet};

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

/// Operators that paint: text, paths, images and shadings.
const PAINTING: [&str; 16] = [
    "Tj", "TJ", "'", "\"", "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do", "BI",
];

/// What a letter's structure holds, when it passes.
#[derive(Debug, PartialEq, Eq)]
pub struct Tagged {
    pub pages: usize,
    pub mcids: usize,
    pub elements: usize,
}

/// Checks the PDF's bytes; every problem found, or what it holds.
pub fn check(bytes: &[u8]) -> Result<Tagged, Vec<String>> {
    let doc = Document::load_mem(bytes).map_err(|e| vec![format!("unreadable: {e}")])?;
    let mut problems = Vec::new();
    let catalog = doc.catalog().map_err(|e| vec![e.to_string()])?;
    let marked = dict_in(&doc, catalog, b"MarkInfo")
        .and_then(|m| m.get(b"Marked").ok())
        .and_then(|m| m.as_bool().ok());
    if marked != Some(true) {
        problems.push("catalog: /MarkInfo /Marked is not true".into());
    }
    for key in [&b"Lang"[..], b"Metadata", b"StructTreeRoot"] {
        if catalog.get(key).is_err() {
            problems.push(format!("catalog: no /{}", String::from_utf8_lossy(key)));
        }
    }
    let shows_title = dict_in(&doc, catalog, b"ViewerPreferences")
        .and_then(|v| v.get(b"DisplayDocTitle").ok())
        .and_then(|v| v.as_bool().ok());
    if shows_title != Some(true) {
        problems.push("catalog: DisplayDocTitle is not true".into());
    }
    let Some(tree) = dict_in(&doc, catalog, b"StructTreeRoot") else {
        return Err(problems);
    };
    // the ParentTree, key → the elements of that page's MCIDs
    let mut parents: BTreeMap<i64, Vec<Option<ObjectId>>> = BTreeMap::new();
    match dict_in(&doc, tree, b"ParentTree") {
        None => problems.push("StructTreeRoot: no /ParentTree".into()),
        Some(pt) => {
            let nums = pt
                .get(b"Nums")
                .ok()
                .and_then(|n| resolve(&doc, n).as_array().ok());
            for pair in nums.map(|n| n.chunks(2)).into_iter().flatten() {
                let (Some(key), Some(value)) = (pair.first(), pair.get(1)) else {
                    continue;
                };
                let refs = resolve(&doc, value)
                    .as_array()
                    .map(|a| a.iter().map(|o| o.as_reference().ok()).collect())
                    .unwrap_or_default();
                parents.insert(key.as_i64().unwrap_or(-1), refs);
            }
        }
    }

    // what each element claims, (page id, MCID) → element
    let mut claimed: BTreeMap<(ObjectId, i64), ObjectId> = BTreeMap::new();
    let mut elements = 0;
    let mut stack: Vec<(ObjectId, Object)> = Vec::new();
    if let Ok(k) = tree.get(b"K") {
        stack.push(((0, 0), k.clone()));
    }
    while let Some((parent, kid)) = stack.pop() {
        match kid {
            Object::Array(kids) => stack.extend(kids.into_iter().map(|k| (parent, k))),
            Object::Reference(id) => {
                let Ok(e) = doc.get_dictionary(id) else {
                    problems.push(format!("element {id:?} is not a dictionary"));
                    continue;
                };
                if e.get(b"Type").and_then(Object::as_name).ok() == Some(b"MCR") {
                    stack.push((parent, Object::Dictionary(e.clone())));
                    continue;
                }
                elements += 1;
                if parent != (0, 0)
                    && e.get(b"P").and_then(Object::as_reference).ok() != Some(parent)
                {
                    problems.push(format!("element {id:?}: /P is not its parent"));
                }
                let page = e.get(b"Pg").and_then(Object::as_reference).ok();
                for kid in e.get(b"K").map(|k| kid_list(k.clone())).unwrap_or_default() {
                    match kid {
                        Object::Integer(mcid) => match page {
                            Some(pg) => claim(&mut claimed, &mut problems, (pg, mcid), id),
                            None => problems.push(format!("element {id:?}: an MCID but no /Pg")),
                        },
                        Object::Dictionary(mcr) => {
                            let pg = mcr.get(b"Pg").and_then(Object::as_reference).ok().or(page);
                            let mcid = mcr.get(b"MCID").and_then(Object::as_i64).ok();
                            match (pg, mcid) {
                                (Some(pg), Some(mcid)) => {
                                    claim(&mut claimed, &mut problems, (pg, mcid), id)
                                }
                                _ => problems.push(format!("element {id:?}: a bad MCR")),
                            }
                        }
                        other => stack.push((id, other)),
                    }
                }
            }
            _ => {}
        }
    }

    let mut mcids = 0;
    for (n, page_id) in doc.get_pages() {
        let page = doc
            .get_dictionary(page_id)
            .map_err(|e| vec![e.to_string()])?;
        if page.get(b"Tabs").and_then(Object::as_name).ok() != Some(b"S") {
            problems.push(format!("page {n}: /Tabs is not /S"));
        }
        let drawn = match page_marks(&doc, page_id) {
            Ok(d) => d,
            Err(p) => {
                problems.extend(p.into_iter().map(|p| format!("page {n}: {p}")));
                continue;
            }
        };
        mcids += drawn.len();
        if drawn.iter().copied().ne(0..drawn.len() as i64) {
            problems.push(format!("page {n}: MCIDs are not 0, 1, 2…: {drawn:?}"));
        }
        let key = page.get(b"StructParents").and_then(Object::as_i64).ok();
        let Some(entry) = key.and_then(|k| parents.get(&k)) else {
            problems.push(format!(
                "page {n}: no ParentTree entry for /StructParents {key:?}"
            ));
            continue;
        };
        if entry.len() != drawn.len() {
            problems.push(format!(
                "page {n}: {} MCIDs drawn, {} in the ParentTree",
                drawn.len(),
                entry.len()
            ));
        }
        for &mcid in &drawn {
            let owner = claimed.get(&(page_id, mcid));
            let listed = entry.get(mcid as usize).copied().flatten();
            if owner.is_none() || owner.copied() != listed {
                problems.push(format!(
                    "page {n}: MCID {mcid} belongs to {owner:?}, the ParentTree says {listed:?}"
                ));
            }
        }
        let drawn: BTreeSet<i64> = drawn.into_iter().collect();
        for ((pg, mcid), e) in &claimed {
            if *pg == page_id && !drawn.contains(mcid) {
                problems.push(format!(
                    "page {n}: element {e:?} claims MCID {mcid}, not drawn"
                ));
            }
        }
    }
    if problems.is_empty() {
        Ok(Tagged {
            pages: doc.get_pages().len(),
            mcids,
            elements,
        })
    } else {
        Err(problems)
    }
}

fn claim(
    claimed: &mut BTreeMap<(ObjectId, i64), ObjectId>,
    problems: &mut Vec<String>,
    at: (ObjectId, i64),
    element: ObjectId,
) {
    if let Some(other) = claimed.insert(at, element) {
        problems.push(format!("MCID {at:?} claimed by {other:?} and {element:?}"));
    }
}

fn kid_list(k: Object) -> Vec<Object> {
    match k {
        Object::Array(a) => a,
        other => vec![other],
    }
}

fn resolve<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    match o {
        Object::Reference(id) => doc.get_object(*id).unwrap_or(o),
        _ => o,
    }
}

fn dict_in<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a Dictionary> {
    resolve(doc, d.get(key).ok()?).as_dict().ok()
}

/// The MCIDs a page draws, in order, or the painting done outside any mark.
fn page_marks(doc: &Document, page: ObjectId) -> Result<Vec<i64>, Vec<String>> {
    let bytes = doc.get_page_content(page);
    let content = Content::decode(&bytes).map_err(|e| vec![e.to_string()])?;
    let mut open: Vec<Option<i64>> = Vec::new();
    let mut artifact = 0usize;
    let mut mcids = Vec::new();
    let mut problems = Vec::new();
    for op in &content.operations {
        match op.operator.as_str() {
            "BDC" | "BMC" => {
                let tag = op.operands.first().and_then(|t| t.as_name().ok());
                let mcid = op
                    .operands
                    .get(1)
                    .and_then(|p| p.as_dict().ok())
                    .and_then(|p| p.get(b"MCID").ok())
                    .and_then(|m| m.as_i64().ok());
                let is_artifact = tag == Some(b"Artifact");
                artifact += usize::from(is_artifact);
                open.push(if is_artifact { Some(-1) } else { mcid });
                if let Some(m) = mcid.filter(|_| !is_artifact) {
                    mcids.push(m);
                }
            }
            "EMC" => match open.pop() {
                Some(Some(-1)) => artifact -= 1,
                Some(_) => {}
                None => problems.push("EMC without BDC".into()),
            },
            op_name if PAINTING.contains(&op_name) => {
                let tagged = open.iter().any(|m| m.is_some_and(|m| m >= 0));
                if artifact == 0 && !tagged {
                    problems.push(format!("`{op_name}` is neither tagged nor an artifact"));
                }
            }
            _ => {}
        }
    }
    if !open.is_empty() {
        problems.push("a marked-content sequence is not closed".into());
    }
    if problems.is_empty() {
        Ok(mcids)
    } else {
        Err(problems)
    }
}
