//! The XMP metadata packet of a tagged or archival letter: the Info dictionary's title,
//! subject, creator, producer and dates again (PDF/A wants them equal), the PDF/UA-1
//! identifier, and for PDF/A-2b its identifier and the extension schema that declares
//! `pdfuaid` (PDF/A allows only declared properties). No names of people, no clock: the
//! same letter gives the same packet.

use crate::export::Stamp;

/// What the packet says.
pub struct Metadata<'a> {
    pub title: &'a str,
    pub subject: &'a str,
    pub creator: &'a str,
    pub producer: &'a str,
    pub stamp: Stamp,
    /// PDF/A-2b as well as PDF/UA-1.
    pub archival: bool,
}

/// The packet's bytes (UTF-8, left uncompressed so archival tools can read it).
pub fn packet(m: &Metadata<'_>) -> Vec<u8> {
    let s = m.stamp;
    let date = format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}+00:00",
        s.date.year, s.date.month, s.date.day, s.hour, s.minute, s.second
    );
    let mut x = String::with_capacity(3072);
    x.push_str("<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n");
    x.push_str("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n");
    x.push_str("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n");
    x.push_str("<rdf:Description rdf:about=\"\"");
    x.push_str(" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"");
    x.push_str(" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"");
    x.push_str(" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"");
    x.push_str(" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"");
    if m.archival {
        x.push_str(" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"");
    }
    x.push_str(">\n");
    x.push_str("<dc:format>application/pdf</dc:format>\n");
    for (key, value) in [("title", m.title), ("description", m.subject)] {
        x.push_str(&format!(
            "<dc:{key}><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:{key}>\n",
            escape(value)
        ));
    }
    x.push_str(&format!(
        "<xmp:CreatorTool>{}</xmp:CreatorTool>\n",
        escape(m.creator)
    ));
    x.push_str(&format!("<xmp:CreateDate>{date}</xmp:CreateDate>\n"));
    x.push_str(&format!("<xmp:ModifyDate>{date}</xmp:ModifyDate>\n"));
    x.push_str(&format!(
        "<pdf:Producer>{}</pdf:Producer>\n",
        escape(m.producer)
    ));
    x.push_str("<pdfuaid:part>1</pdfuaid:part>\n");
    if m.archival {
        x.push_str("<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n");
    }
    x.push_str("</rdf:Description>\n");
    if m.archival {
        x.push_str(EXTENSION_SCHEMA);
    }
    x.push_str("</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
    x.into_bytes()
}

/// PDF/A's declaration of the PDF/UA identification schema (ISO 14289-1, 5).
const EXTENSION_SCHEMA: &str = concat!(
    "<rdf:Description rdf:about=\"\"",
    " xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"",
    " xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"",
    " xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n",
    "<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n",
    "<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\n",
    "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n",
    "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n",
    "<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">\n",
    "<pdfaProperty:name>part</pdfaProperty:name>\n",
    "<pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n",
    "<pdfaProperty:category>internal</pdfaProperty:category>\n",
    "<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>\n",
    "</rdf:li></rdf:Seq></pdfaSchema:property>\n",
    "</rdf:li></rdf:Bag></pdfaExtension:schemas>\n",
    "</rdf:Description>\n",
);

/// Text as XML character data.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::CalendarDate;

    fn metadata(archival: bool) -> Metadata<'static> {
        Metadata {
            title: "IMR Final Determination CM15-0000001 <&>",
            subject: "s",
            creator: "c",
            producer: "p",
            stamp: Stamp::at_midnight(CalendarDate::new(2015, 4, 28).unwrap()),
            archival,
        }
    }

    #[test]
    fn the_packet_escapes_its_text_and_names_the_standards() {
        let ua = String::from_utf8(packet(&metadata(false))).unwrap();
        assert!(ua.contains("CM15-0000001 &lt;&amp;&gt;</rdf:li>"));
        assert!(ua.contains("<xmp:CreateDate>2015-04-28T00:00:00+00:00</xmp:CreateDate>"));
        assert!(ua.contains("<pdfuaid:part>1</pdfuaid:part>"));
        assert!(!ua.contains("pdfaid:") && !ua.contains("pdfaExtension"));
        let a = String::from_utf8(packet(&metadata(true))).unwrap();
        assert!(a.contains("<pdfaid:part>2</pdfaid:part>"));
        assert!(a.contains("<pdfaid:conformance>B</pdfaid:conformance>"));
        assert!(a.contains("<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>"));
    }
}
