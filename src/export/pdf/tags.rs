//! The letter's logical structure, built while its pages are drawn: the structure
//! elements (a `Document` holding headings, paragraphs, the header table and the logo)
//! and, per page, which element each marked-content id (MCID) belongs to.
//!
//! The drawing step asks for an element from what the layout says a thing is (a heading
//! line, a body line, a table cell, an image), never from its text, and marks the
//! content it draws for it; `structure` writes the result as the PDF's structure tree.
//! Plain data: no PDF objects here.

/// A standard structure type (ISO 32000-1, 14.8.4), so no role map is needed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Document,
    H1,
    P,
    Table,
    TR,
    /// A header cell; the header table's label cells head their rows.
    TH,
    TD,
    Figure,
}

impl Role {
    pub fn name(self) -> &'static str {
        match self {
            Role::Document => "Document",
            Role::H1 => "H1",
            Role::P => "P",
            Role::Table => "Table",
            Role::TR => "TR",
            Role::TH => "TH",
            Role::TD => "TD",
            Role::Figure => "Figure",
        }
    }
}

/// A child of a structure element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kid {
    Element(usize),
    /// Marked content on a page (0-based), by its MCID there.
    Content {
        page: usize,
        mcid: usize,
    },
}

/// One structure element.
#[derive(Debug, Clone, PartialEq)]
pub struct Element {
    pub role: Role,
    /// The parent's index (the root is its own parent).
    pub parent: usize,
    pub kids: Vec<Kid>,
    /// A table cell's column span (1 for every other element).
    pub col_span: usize,
    /// A figure's alternative text.
    pub alt: Option<String>,
}

/// What marked content is drawn for: an element, or an artifact of one kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Element(usize),
    /// Table rules and shading, a decorative image.
    Layout,
    /// A running header or footer.
    Pagination,
    Watermark,
}

/// A letter's structure.
#[derive(Debug, Clone, PartialEq)]
pub struct Structure {
    /// Element 0 is the `Document`.
    pub elements: Vec<Element>,
    /// Per page, the element each MCID belongs to, in MCID order.
    pub pages: Vec<Vec<usize>>,
}

/// Builds a letter's structure page by page.
#[derive(Debug)]
pub struct Tagger {
    structure: Structure,
    /// The heading or paragraph a line that does not start one continues (on this page or
    /// across a page break).
    open: Option<usize>,
}

impl Default for Tagger {
    fn default() -> Tagger {
        Tagger::new()
    }
}

impl Tagger {
    pub fn new() -> Tagger {
        Tagger {
            structure: Structure {
                elements: vec![Element {
                    role: Role::Document,
                    parent: 0,
                    kids: Vec::new(),
                    col_span: 1,
                    alt: None,
                }],
                pages: Vec::new(),
            },
            open: None,
        }
    }

    /// Starts the next page's marked content.
    pub fn begin_page(&mut self) {
        self.structure.pages.push(Vec::new());
    }

    /// A new element under `parent`.
    pub fn element(&mut self, role: Role, parent: usize) -> usize {
        let id = self.structure.elements.len();
        self.structure.elements.push(Element {
            role,
            parent,
            kids: Vec::new(),
            col_span: 1,
            alt: None,
        });
        self.structure.elements[parent].kids.push(Kid::Element(id));
        id
    }

    /// A table cell spanning `span` columns.
    pub fn cell(&mut self, role: Role, row: usize, span: usize) -> usize {
        let id = self.element(role, row);
        self.structure.elements[id].col_span = span.max(1);
        id
    }

    /// A figure with its alternative text.
    pub fn figure(&mut self, alt: &str) -> usize {
        self.open = None;
        let id = self.element(Role::Figure, 0);
        self.structure.elements[id].alt = Some(alt.to_string());
        id
    }

    /// The element a heading or body line belongs to: a new one when the line starts a
    /// paragraph, else the one it continues.
    pub fn text_line(&mut self, role: Role, starts: bool) -> usize {
        match self.open {
            Some(open) if !starts && self.structure.elements[open].role == role => open,
            _ => {
                let id = self.element(role, 0);
                self.open = Some(id);
                id
            }
        }
    }

    /// Ends the paragraph lines continue (a table or figure comes between).
    pub fn close_paragraph(&mut self) {
        self.open = None;
    }

    pub fn role(&self, element: usize) -> Role {
        self.structure.elements[element].role
    }

    /// A new MCID on the current page for content of `element`.
    pub fn mark(&mut self, element: usize) -> usize {
        if self.structure.pages.is_empty() {
            self.begin_page();
        }
        let page = self.structure.pages.len() - 1;
        let marked = &mut self.structure.pages[page];
        let mcid = marked.len();
        marked.push(element);
        self.structure.elements[element]
            .kids
            .push(Kid::Content { page, mcid });
        mcid
    }

    pub fn finish(self) -> Structure {
        self.structure
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_paragraph_continued_on_the_next_page_keeps_its_element() {
        let mut t = Tagger::new();
        t.begin_page();
        let p = t.text_line(Role::P, true);
        assert_eq!(t.mark(p), 0);
        t.begin_page();
        assert_eq!(t.text_line(Role::P, false), p);
        assert_eq!(t.mark(p), 0);
        let next = t.text_line(Role::P, true);
        assert_ne!(next, p);
        let s = t.finish();
        assert_eq!(
            s.elements[p].kids,
            [
                Kid::Content { page: 0, mcid: 0 },
                Kid::Content { page: 1, mcid: 0 }
            ]
        );
        assert_eq!(s.pages, [vec![p], vec![p]]);
    }

    #[test]
    fn a_line_after_a_table_starts_a_new_element() {
        let mut t = Tagger::new();
        let p = t.text_line(Role::P, true);
        t.close_paragraph();
        assert_ne!(t.text_line(Role::P, false), p);
        // and a body line never continues a heading
        let h = t.text_line(Role::H1, true);
        assert_ne!(t.text_line(Role::P, false), h);
    }
}
