//! The logo: the PNG or JPEG file the `logo` setting names, read and decoded once per run
//! into plain 8-bit pixels that the PDF writer embeds.

use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::template::Settings;

/// How a decoded image's pixels are laid out (8 bits per channel).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channels {
    Gray,
    GrayAlpha,
    Rgb,
    Rgba,
}

/// A decoded image.
#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    pub width: u32,
    pub height: u32,
    pub channels: Channels,
    pub pixels: Vec<u8>,
}

/// The logo the settings name, if any.
pub fn load_logo(settings: &Settings) -> Result<Option<Arc<Image>>, Diagnostic> {
    let Some(path) = settings.file_path("logo") else {
        return Ok(None);
    };
    let fail = |cause: String| {
        Diagnostic::error(
            "settings.logo",
            format!("cannot use logo `{}` (setting `logo`)", path.display()),
        )
        .cause(cause)
    };
    let bytes = crate::diagnostic::read::read_regular(&path, crate::diagnostic::read::BINARY_LIMIT)
        .map_err(|e| fail(e.to_string()))?;
    let image = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        decode_png(&bytes)
    } else if bytes.starts_with(&[0xFF, 0xD8]) {
        decode_jpeg(&bytes)
    } else {
        Err("it is neither a PNG nor a JPEG file".to_string())
    }
    .map_err(fail)?;
    if image.width == 0 || image.height == 0 {
        return Err(fail("the image is empty".into()));
    }
    Ok(Some(Arc::new(image)))
}

fn decode_png(bytes: &[u8]) -> Result<Image, String> {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().map_err(|e| format!("bad PNG: {e}"))?;
    let size = reader
        .output_buffer_size()
        .ok_or("the PNG is too large to decode")?;
    let mut pixels = vec![0; size];
    let frame = reader
        .next_frame(&mut pixels)
        .map_err(|e| format!("bad PNG: {e}"))?;
    pixels.truncate(frame.buffer_size());
    let channels = match frame.color_type {
        png::ColorType::Grayscale => Channels::Gray,
        png::ColorType::GrayscaleAlpha => Channels::GrayAlpha,
        png::ColorType::Rgb => Channels::Rgb,
        png::ColorType::Rgba => Channels::Rgba,
        png::ColorType::Indexed => return Err("palette PNG was not expanded".into()),
    };
    Ok(Image {
        width: frame.width,
        height: frame.height,
        channels,
        pixels,
    })
}

fn decode_jpeg(bytes: &[u8]) -> Result<Image, String> {
    let mut decoder = jpeg_decoder::Decoder::new(bytes);
    let pixels = decoder.decode().map_err(|e| format!("bad JPEG: {e}"))?;
    let info = decoder.info().ok_or("bad JPEG: no image header")?;
    let (channels, pixels) = match info.pixel_format {
        jpeg_decoder::PixelFormat::L8 => (Channels::Gray, pixels),
        // big-endian 16-bit samples: keep the high byte
        jpeg_decoder::PixelFormat::L16 => {
            (Channels::Gray, pixels.chunks(2).map(|p| p[0]).collect())
        }
        jpeg_decoder::PixelFormat::RGB24 => (Channels::Rgb, pixels),
        jpeg_decoder::PixelFormat::CMYK32 => (
            Channels::Rgb,
            pixels
                .chunks(4)
                .flat_map(|p| {
                    let k = 255 - u16::from(p[3]);
                    [p[0], p[1], p[2]].map(|c| ((255 - u16::from(c)) * k / 255) as u8)
                })
                .collect(),
        ),
    };
    Ok(Image {
        width: u32::from(info.width),
        height: u32::from(info.height),
        channels,
        pixels,
    })
}
