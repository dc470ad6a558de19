//! Which properties a theme may set and which values they may take.
//!
//! Each declaration is checked three ways: lightningcss's visitor names every
//! `url()`, `image-set()`, `var()`, `env()` and unknown function anywhere in
//! the value; the property must be on the allowlist (presentational only,
//! unprefixed, parsed by lightningcss into a typed value); and the value as
//! lightningcss will print it is read back token by token, so only colour
//! functions and gradients appear and every length stays in bounds.
//!
//! Bounds only hold for lengths that mean the same everywhere: px, and rem
//! (the root font size is the widget's own; `:root` cannot be styled). em
//! and most percentages are of the parent's size, so `font-size: 6em` on
//! each of a few nested ids multiplies down the page into a 10,000px
//! outline over the consent text; viewport and container units grow with
//! the screen. Percentages are accepted only where they are of the
//! element's own layout box (sizes, radii, background positions and sizes).

use std::convert::Infallible;

use lightningcss::media_query::MediaList;
use lightningcss::properties::Property;
use lightningcss::properties::custom::{
    EnvironmentVariable, Function, Token, TokenOrValue, Variable,
};
use lightningcss::properties::font::{FontFamily, FontSize, LineHeight};
use lightningcss::properties::text::Spacing;
use lightningcss::stylesheet::PrinterOptions;
use lightningcss::traits::ToCss;
use lightningcss::values::color::CssColor;
use lightningcss::values::image::Image;
use lightningcss::values::length::{Length, LengthPercentage, LengthValue};
use lightningcss::values::percentage::Percentage;
use lightningcss::values::url::Url;
use lightningcss::vendor_prefix::VendorPrefix;
use lightningcss::visit_types;
use lightningcss::visitor::{Visit, VisitTypes, Visitor};

use super::tokenizer::{Kind, tokenize};

/// The reason every fetching construct gets.
const LOADS: &str = "a theme cannot load anything";

/// Functions that may appear in a value as lightningcss prints it: colours and gradients.
const ALLOWED_FUNCTIONS: &[&str] = &[
    "rgb",
    "rgba",
    "hsl",
    "hsla",
    "hwb",
    "lab",
    "lch",
    "oklab",
    "oklch",
    "color",
    "linear-gradient",
    "radial-gradient",
    "conic-gradient",
    "repeating-linear-gradient",
    "repeating-radial-gradient",
    "repeating-conic-gradient",
];

/// Font families a theme may name (compared lower-case), besides the generic
/// families (`system-ui`, `sans-serif`, `serif`, `monospace`, …). Only fonts
/// already on people's devices: a theme cannot load fonts.
const SAFE_FONTS: &[&str] = &[
    "-apple-system",
    "blinkmacsystemfont",
    "segoe ui",
    "roboto",
    "inter",
    "helvetica neue",
    "helvetica",
    "arial",
    "verdana",
    "tahoma",
    "trebuchet ms",
    "georgia",
    "times new roman",
    "times",
    "courier new",
    "courier",
    "noto sans",
    "open sans",
    "ubuntu",
    "cantarell",
    "apple color emoji",
    "segoe ui emoji",
    "noto color emoji",
];

/// Bounds for the lengths at the top level of a value, in CSS pixels
/// (1rem = 16px).
#[derive(Debug, Clone, Copy)]
struct Range {
    min_px: f64,
    max_px: f64,
    /// Largest percentage (the smallest is 0) where a percentage is of the
    /// element's own box; `None` where it would be of an inherited size.
    max_percent: Option<f64>,
}

/// Sizes, radii, background sizes and positions: percentages of the box itself.
const BOX: Range = Range {
    min_px: 0.0,
    max_px: 1000.0,
    max_percent: Some(100.0),
};
/// Colours and keywords: no lengths expected, and none may be relative.
const PLAIN: Range = Range {
    min_px: 0.0,
    max_px: 1000.0,
    max_percent: None,
};
/// Margins, paddings and gaps.
const SPACING: Range = Range {
    min_px: 0.0,
    max_px: 200.0,
    max_percent: None,
};
/// Border and outline widths.
const LINE: Range = Range {
    min_px: 0.0,
    max_px: 50.0,
    max_percent: None,
};
/// Underline thickness: decorations propagate to the text of every
/// descendant (the login form's labels too), so a thick line could cover it.
const DECORATION: Range = Range {
    min_px: 0.0,
    max_px: 4.0,
    max_percent: None,
};
/// Least opacity of text, out of 255: fainter text is as good as hidden.
const MIN_TEXT_ALPHA: u8 = 64;
const FONT_SIZE: (f64, f64) = (8.0, 96.0);
const LINE_HEIGHT_PX: (f64, f64) = (8.0, 200.0);
const LINE_HEIGHT_NUMBER: (f32, f32) = (0.5, 5.0);
const LETTER_SPACING: (f64, f64) = (-2.0, 20.0);
const SHADOW_OFFSET: (f64, f64) = (-50.0, 50.0);
const SHADOW_BLUR: (f64, f64) = (0.0, 100.0);

/// How an allowed property's value is checked.
#[derive(Debug, Clone, Copy)]
enum Values {
    /// Lengths at the top level of the value must be in range.
    Lengths(Range),
    /// The property's own typed check (fonts, line height, shadows, …).
    Typed,
}

/// Everything wrong with one declaration, in plain words.
pub(crate) fn check(property: &mut Property<'_>) -> Vec<String> {
    let mut finder = Finder::default();
    // Infallible: the visitor only records what it finds.
    let _ = property.visit(&mut finder);
    let mut reasons = finder.reasons;
    match &*property {
        Property::Custom(custom) => reasons.push(unknown_property_reason(custom.name.as_ref())),
        Property::Unparsed(unparsed) => {
            let id = &unparsed.property_id;
            match allowed(id.name(), id.prefix()) {
                Err(reason) => reasons.push(reason),
                Ok(_) if reasons.is_empty() => reasons.push(format!(
                    "this value of `{}` is not valid CSS or uses something a theme cannot use",
                    id.name()
                )),
                Ok(_) => {}
            }
        }
        property => {
            let id = property.property_id();
            match allowed(id.name(), id.prefix()) {
                Err(reason) => reasons.push(reason),
                Ok(values) => reasons.extend(check_value(property, id.name(), values)),
            }
        }
    }
    reasons
}

/// The property's name as lightningcss knows it (without vendor prefix).
pub(crate) fn name(property: &Property<'_>) -> String {
    match property {
        Property::Custom(custom) => custom.name.as_ref().to_ascii_lowercase(),
        Property::Unparsed(unparsed) => unparsed.property_id.name().to_ascii_lowercase(),
        property => property.property_id().name().to_ascii_lowercase(),
    }
}

/// Why a function cannot be used, naming it.
pub(crate) fn function_reason(name: &str) -> String {
    let name = name.to_ascii_lowercase();
    let why = match name.as_str() {
        "url" | "src" | "image" | "image-set" | "-webkit-image-set" | "cross-fade"
        | "-webkit-cross-fade" | "element" | "-moz-element" | "paint" | "-webkit-canvas" => LOADS,
        "var" => "a theme cannot use custom properties; write the value itself",
        "env" => "a theme cannot read values from the browser",
        "attr" => "it reads the page's content",
        "expression" => "it runs code",
        "calc" | "min" | "max" | "clamp" | "round" | "mod" | "rem" | "abs" | "sign" => {
            "write a plain length so that its bounds can be checked"
        }
        name if name.starts_with('-') && name.ends_with("gradient") => {
            return format!("`{name}()` is not allowed: write the unprefixed gradient");
        }
        _ => "only colour functions and gradients can be used",
    };
    format!("`{name}()` is not allowed: {why}")
}

/// Allowed properties and how their values are checked; for anything else,
/// why not.
fn allowed(name: &str, prefix: VendorPrefix) -> Result<Values, String> {
    if !prefix.is_empty() && prefix != VendorPrefix::None {
        return Err(format!(
            "`{}{name}` is not allowed: vendor prefixes are not needed, write `{name}`",
            prefix_text(prefix)
        ));
    }
    let values = match name {
        "font-family" | "font-size" | "line-height" | "letter-spacing" | "font" | "box-shadow"
        | "text-shadow" => Values::Typed,
        // `caret-color` and `accent-color` are not here: they only style form
        // controls, and #background's would reach the login form's.
        "color"
        | "background-color"
        | "outline-color"
        | "outline-style"
        | "background-image"
        | "background-repeat"
        | "background-attachment"
        | "background-origin"
        | "background-clip"
        | "font-weight"
        | "font-style"
        | "text-transform"
        | "text-align" => Values::Lengths(PLAIN),
        "background"
        | "background-position"
        | "background-size"
        | "background-position-x"
        | "background-position-y"
        | "width"
        | "height"
        | "min-width"
        | "min-height"
        | "max-width"
        | "max-height" => Values::Lengths(BOX),
        "outline" | "outline-width" => Values::Lengths(LINE),
        "text-decoration"
        | "text-decoration-line"
        | "text-decoration-style"
        | "text-decoration-color"
        | "text-decoration-thickness" => Values::Lengths(DECORATION),
        "gap" | "row-gap" | "column-gap" => Values::Lengths(SPACING),
        name if name.starts_with("margin") || name.starts_with("padding") => {
            Values::Lengths(SPACING)
        }
        name if name.starts_with("border-image") => return Err(denied(name)),
        name if name.starts_with("border") && name.ends_with("radius") => Values::Lengths(BOX),
        name if name.starts_with("border")
            && (name.ends_with("-color") || name.ends_with("-style")) =>
        {
            Values::Lengths(PLAIN)
        }
        name if name.starts_with("border") && name.ends_with("-width") => Values::Lengths(LINE),
        "border"
        | "border-top"
        | "border-right"
        | "border-bottom"
        | "border-left"
        | "border-block"
        | "border-block-start"
        | "border-block-end"
        | "border-inline"
        | "border-inline-start"
        | "border-inline-end" => Values::Lengths(LINE),
        name => return Err(denied(name)),
    };
    Ok(values)
}

fn prefix_text(prefix: VendorPrefix) -> &'static str {
    if prefix.contains(VendorPrefix::WebKit) {
        "-webkit-"
    } else if prefix.contains(VendorPrefix::Moz) {
        "-moz-"
    } else if prefix.contains(VendorPrefix::Ms) {
        "-ms-"
    } else if prefix.contains(VendorPrefix::O) {
        "-o-"
    } else {
        ""
    }
}

/// A property lightningcss does not know (`Property::Custom`).
fn unknown_property_reason(name: &str) -> String {
    if name.starts_with("--") {
        return format!("custom properties (`{name}`) are not allowed: write the value directly");
    }
    match denial(&name.to_ascii_lowercase()) {
        Some(why) => format!("`{name}` is not allowed: {why}"),
        None => format!(
            "`{name}` is not a property a theme can use: only colours, fonts, text, spacing, sizes, borders and shadows"
        ),
    }
}

fn denied(name: &str) -> String {
    let why = denial(name)
        .unwrap_or("only colours, fonts, text, spacing, sizes, borders and shadows can be themed");
    format!("`{name}` is not allowed: {why}")
}

/// The plain-words reason for the properties people most often try.
fn denial(name: &str) -> Option<&'static str> {
    let starts = |prefix: &str| name.starts_with(prefix);
    Some(match name {
        "position" | "top" | "right" | "bottom" | "left" | "float" | "clear" | "display"
        | "box-sizing" | "vertical-align" | "order" | "columns" | "contain" | "aspect-ratio"
        | "direction" | "writing-mode" => "the widget's layout is fixed",
        _ if starts("inset")
            || starts("overflow")
            || starts("flex")
            || starts("grid")
            || starts("align-")
            || starts("justify-")
            || starts("place-")
            || starts("column-")
            || starts("scroll") =>
        {
            "the widget's layout is fixed"
        }
        "z-index" => "it could lift something over the widget's form",
        "opacity" | "visibility" => "it could hide the widget",
        "clip"
        | "clip-path"
        | "filter"
        | "backdrop-filter"
        | "mix-blend-mode"
        | "-webkit-text-fill-color"
        | "-webkit-text-stroke"
        | "text-indent"
        | "font-size-adjust" => "it could hide or disguise parts of the widget",
        _ if starts("mask") => "it could hide or disguise parts of the widget",
        "transform" | "translate" | "rotate" | "scale" | "backface-visibility" | "zoom" => {
            "it could move parts of the widget over others"
        }
        _ if starts("transform") || starts("perspective") || starts("offset") => {
            "it could move parts of the widget over others"
        }
        "content" | "quotes" => "a theme cannot add text",
        _ if starts("counter") => "a theme cannot add text",
        "cursor" => "it can load images and disguise the pointer",
        "will-change" => "themes cannot animate",
        _ if starts("animation") || starts("transition") || starts("view-transition") => {
            "themes cannot animate"
        }
        "pointer-events" | "user-select" | "touch-action" | "resize" | "appearance" => {
            "it changes how the widget responds to people"
        }
        "behavior" | "-ms-behavior" | "-moz-binding" => "it runs code",
        _ if starts("list-style") || starts("border-image") => "it can load images",
        "outline-offset" => "an outline must stay outside its element",
        "caret-color" | "accent-color" => {
            "it only styles form controls, and the login form's keep the widget's look"
        }
        _ => return None,
    })
}

/// Checks an allowed property's value.
fn check_value(property: &Property<'_>, name: &str, values: Values) -> Vec<String> {
    let printed = property
        .value_to_css_string(PrinterOptions {
            minify: true,
            ..PrinterOptions::default()
        })
        .unwrap_or_default();
    let range = match values {
        Values::Lengths(range) => Some(range),
        Values::Typed => None,
    };
    let mut reasons = read_printed_value(name, &printed, range);
    match property {
        Property::Color(color) if is_faint(color) => {
            reasons.push(
                "transparent text is not allowed: it could hide the widget's text \
                 (use at least 25% opacity)"
                    .to_owned(),
            );
        }
        Property::FontFamily(families) => reasons.extend(families.iter().filter_map(font_family)),
        Property::FontSize(size) => reasons.extend(font_size(size)),
        Property::LineHeight(height) => reasons.extend(line_height(height)),
        Property::LetterSpacing(spacing) => reasons.extend(letter_spacing(spacing)),
        Property::Font(font) => {
            reasons.extend(font.family.iter().filter_map(font_family));
            reasons.extend(font_size(&font.size));
            reasons.extend(line_height(&font.line_height));
        }
        Property::BoxShadow(shadows, _) => {
            for shadow in shadows {
                reasons.extend(shadow_lengths(
                    name,
                    &shadow.x_offset,
                    &shadow.y_offset,
                    &shadow.blur,
                    &shadow.spread,
                ));
            }
        }
        Property::TextShadow(shadows) => {
            for shadow in shadows {
                reasons.extend(shadow_lengths(
                    name,
                    &shadow.x_offset,
                    &shadow.y_offset,
                    &shadow.blur,
                    &shadow.spread,
                ));
            }
        }
        _ => {}
    }
    reasons
}

/// Reads the value as it will be stored: only allowed functions, no URL
/// tokens, no escapes, and (with a range) every top-level length in px or
/// rem and in bounds, and no relative length anywhere. Lengths inside
/// gradients only place colours within the element itself.
fn read_printed_value(name: &str, printed: &str, range: Option<Range>) -> Vec<String> {
    let mut reasons = Vec::new();
    if printed.contains('\\') {
        reasons.push(format!(
            "`{name}` contains an escape (`\\`): write the value plainly"
        ));
    }
    let mut depth = 0usize;
    for token in tokenize(printed) {
        let text = &printed[token.start..token.end];
        match token.kind {
            Kind::Function => {
                if !ALLOWED_FUNCTIONS.contains(&token.name.to_ascii_lowercase().as_str()) {
                    reasons.push(function_reason(&token.name));
                }
                depth += 1;
            }
            Kind::Url => reasons.push(function_reason("url")),
            Kind::Open(_) => depth += 1,
            Kind::Close(_) => depth = depth.saturating_sub(1),
            Kind::Dimension => {
                let Some(range) = range else { continue };
                match length_unit(&token.name) {
                    Unit::Px(factor) if depth == 0 => {
                        reasons.extend(out_of_range(name, text, token.value * factor, range));
                    }
                    Unit::Px(_) | Unit::NotALength => {}
                    Unit::Absolute if depth > 0 => {}
                    unit => reasons.extend(unit_reason(name, text, unit)),
                }
            }
            Kind::Percentage if depth == 0 => {
                let Some(range) = range else { continue };
                match range.max_percent {
                    None => reasons.push(percent_reason(name, text)),
                    Some(max) if !(0.0..=max).contains(&token.value) => {
                        reasons.push(range_reason(name, text, range));
                    }
                    Some(_) => {}
                }
            }
            _ => {}
        }
    }
    reasons
}

/// What a unit means for the bounds.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Unit {
    /// px or rem: this many CSS pixels per unit.
    Px(f64),
    /// em and its kin: of the element's (inherited) font, so they compound.
    Compounding,
    /// Viewport and container units: they grow with the screen.
    Screen,
    /// Other absolute units (pt, cm, …) and root-relative ones: fixed, but
    /// one way of writing lengths is easier to bound and to read.
    Absolute,
    /// Angles, times, resolutions, …
    NotALength,
}

fn length_unit(unit: &str) -> Unit {
    match unit.to_ascii_lowercase().as_str() {
        "px" => Unit::Px(1.0),
        "rem" => Unit::Px(16.0),
        "em" | "ex" | "ch" | "ic" | "cap" | "lh" => Unit::Compounding,
        "in" | "cm" | "mm" | "q" | "pt" | "pc" | "rex" | "rch" | "ric" | "rcap" | "rlh" => {
            Unit::Absolute
        }
        unit if unit.starts_with("cq")
            || matches!(
                unit.trim_start_matches(['s', 'l', 'd']),
                "vw" | "vh" | "vi" | "vb" | "vmin" | "vmax"
            ) =>
        {
            Unit::Screen
        }
        _ => Unit::NotALength,
    }
}

/// Why a length in `unit` cannot be used; `None` for px, rem and non-lengths.
fn unit_reason(name: &str, text: &str, unit: Unit) -> Option<String> {
    let why = match unit {
        Unit::Px(_) | Unit::NotALength => return None,
        Unit::Compounding => COMPOUNDS,
        Unit::Screen => ": viewport and container units grow with the screen",
        Unit::Absolute => "",
    };
    Some(format!(
        "`{name}: {text}` is not allowed: use px or rem{why}"
    ))
}

const COMPOUNDS: &str = ": em and % compound down the page";

fn percent_reason(name: &str, text: &str) -> String {
    format!("`{name}: {text}` is not allowed: use px or rem{COMPOUNDS}")
}

fn out_of_range(name: &str, text: &str, px: f64, range: Range) -> Option<String> {
    (!(range.min_px..=range.max_px).contains(&px)).then(|| range_reason(name, text, range))
}

fn range_reason(name: &str, text: &str, range: Range) -> String {
    let mut allowed = format!(
        "between 0 and {}px ({}rem)",
        range.max_px,
        range.max_px / 16.0
    );
    if let Some(max_percent) = range.max_percent {
        allowed.push_str(&format!(" or 0% and {max_percent}%"));
    }
    if text.starts_with('-') {
        format!(
            "`{name}: {text}` is not allowed: negative lengths could move parts of the widget; use {allowed}"
        )
    } else {
        format!("`{name}: {text}` is out of range: use {allowed}")
    }
}

/// Pixels of a typed length in px or rem; otherwise why it cannot be used.
fn length_value_px(name: &str, value: &LengthValue) -> Result<f64, String> {
    let (number, unit) = value.to_unit_value();
    match length_unit(unit) {
        Unit::Px(factor) => Ok(f64::from(number) * factor),
        unit => {
            let text = value
                .to_css_string(PrinterOptions::default())
                .unwrap_or_default();
            Err(unit_reason(name, &text, unit)
                .unwrap_or_else(|| format!("`{name}` must be a length in px or rem")))
        }
    }
}

/// Pixels of a typed `Length`; `Err` when it is not in px or rem, or is a
/// `calc()` expression.
fn length_px(name: &str, length: &Length) -> Result<f64, String> {
    match length {
        Length::Value(value) => length_value_px(name, value),
        Length::Calc(_) => Err(function_reason("calc")),
    }
}

/// A typed length within `(min, max)` pixels.
fn bounded(
    name: &str,
    px: Result<f64, String>,
    (min, max): (f64, f64),
    allowed: &str,
) -> Option<String> {
    match px {
        Ok(px) if (min..=max).contains(&px) => None,
        Ok(_) => Some(format!("`{name}` is out of range: use {allowed}")),
        Err(reason) => Some(reason),
    }
}

fn typed_percent_reason(name: &str, percent: &Percentage) -> String {
    let text = percent
        .to_css_string(PrinterOptions::default())
        .unwrap_or_default();
    percent_reason(name, &text)
}

fn font_size(size: &FontSize) -> Option<String> {
    const ALLOWED: &str = "8px to 96px (0.5rem to 6rem) or a keyword such as `small`";
    match size {
        FontSize::Length(LengthPercentage::Dimension(value)) => bounded(
            "font-size",
            length_value_px("font-size", value),
            FONT_SIZE,
            ALLOWED,
        ),
        FontSize::Length(LengthPercentage::Percentage(percent)) => {
            Some(typed_percent_reason("font-size", percent))
        }
        FontSize::Length(LengthPercentage::Calc(_)) => Some(function_reason("calc")),
        FontSize::Absolute(_) => None,
        FontSize::Relative(relative) => {
            let text = relative
                .to_css_string(PrinterOptions::default())
                .unwrap_or_default();
            Some(format!(
                "`font-size: {text}` is not allowed: use px, rem or a keyword such as `small`: \
                 relative sizes compound down the page"
            ))
        }
    }
}

fn line_height(height: &LineHeight) -> Option<String> {
    const ALLOWED: &str = "a number from 0.5 to 5, or 8px to 200px";
    match height {
        LineHeight::Normal => None,
        LineHeight::Number(number) => {
            let (min, max) = LINE_HEIGHT_NUMBER;
            (!(min..=max).contains(number))
                .then(|| format!("`line-height` is out of range: use {ALLOWED}"))
        }
        LineHeight::Length(LengthPercentage::Dimension(value)) => bounded(
            "line-height",
            length_value_px("line-height", value),
            LINE_HEIGHT_PX,
            ALLOWED,
        ),
        LineHeight::Length(LengthPercentage::Percentage(percent)) => {
            Some(typed_percent_reason("line-height", percent))
        }
        LineHeight::Length(LengthPercentage::Calc(_)) => Some(function_reason("calc")),
    }
}

fn letter_spacing(spacing: &Spacing) -> Option<String> {
    match spacing {
        Spacing::Normal => None,
        Spacing::Length(length) => bounded(
            "letter-spacing",
            length_px("letter-spacing", length),
            LETTER_SPACING,
            "-2px to 20px (-0.125rem to 1.25rem)",
        ),
    }
}

fn shadow_lengths(
    name: &str,
    x: &Length,
    y: &Length,
    blur: &Length,
    spread: &Length,
) -> Vec<String> {
    const OFFSETS: &str = "offsets and spread from -50px to 50px, blur from 0 to 100px";
    let mut reasons = Vec::new();
    for (length, range) in [
        (x, SHADOW_OFFSET),
        (y, SHADOW_OFFSET),
        (blur, SHADOW_BLUR),
        (spread, SHADOW_OFFSET),
    ] {
        reasons.extend(bounded(name, length_px(name, length), range, OFFSETS));
    }
    reasons.dedup();
    reasons
}

fn font_family(family: &FontFamily<'_>) -> Option<String> {
    let FontFamily::FamilyName(name) = family else {
        return None;
    };
    let printed = name
        .to_css_string(PrinterOptions::default())
        .unwrap_or_default();
    let plain = printed
        .trim_matches(|c| c == '"' || c == '\'')
        .to_ascii_lowercase();
    (!SAFE_FONTS.contains(&plain.as_str())).then(|| {
        format!(
            "the font `{printed}` is not allowed: a theme cannot load fonts; use system-ui, sans-serif, serif, \
             monospace or a common font such as Arial, Helvetica, Verdana, Georgia, Roboto, \"Segoe UI\" or Inter"
        )
    })
}

/// Text this faint is as good as hidden (`transparent`, `#0000`, `rgb(0 0 0 / 5%)`).
fn is_faint(color: &CssColor) -> bool {
    match color.to_rgb() {
        Ok(CssColor::RGBA(rgba)) => rgba.alpha < MIN_TEXT_ALPHA,
        Ok(CssColor::LightDark(light, dark)) => is_faint(&light) || is_faint(&dark),
        _ => false,
    }
}

/// lightningcss's visitor: records every construct that fetches, reads the
/// environment or uses an unknown function, wherever it sits in a value.
#[derive(Default)]
struct Finder {
    reasons: Vec<String>,
}

impl<'i> Visitor<'i> for Finder {
    type Error = Infallible;

    fn visit_types(&self) -> VisitTypes {
        visit_types!(URLS | IMAGES | FUNCTIONS | VARIABLES | ENVIRONMENT_VARIABLES | TOKENS)
    }

    fn visit_url(&mut self, _url: &mut Url<'i>) -> Result<(), Self::Error> {
        self.reasons.push(function_reason("url"));
        Ok(())
    }

    fn visit_image(&mut self, image: &mut Image<'i>) -> Result<(), Self::Error> {
        if let Image::ImageSet(set) = image {
            let name = if set.vendor_prefix.contains(VendorPrefix::WebKit) {
                "-webkit-image-set"
            } else {
                "image-set"
            };
            self.reasons.push(function_reason(name));
        }
        image.visit_children(self)
    }

    fn visit_function(&mut self, function: &mut Function<'i>) -> Result<(), Self::Error> {
        if !ALLOWED_FUNCTIONS.contains(&function.name.0.to_ascii_lowercase().as_str()) {
            self.reasons.push(function_reason(&function.name.0));
        }
        function.visit_children(self)
    }

    fn visit_variable(&mut self, variable: &mut Variable<'i>) -> Result<(), Self::Error> {
        self.reasons.push(function_reason("var"));
        variable.visit_children(self)
    }

    fn visit_environment_variable(
        &mut self,
        env: &mut EnvironmentVariable<'i>,
    ) -> Result<(), Self::Error> {
        self.reasons.push(function_reason("env"));
        env.visit_children(self)
    }

    fn visit_token(&mut self, token: &mut TokenOrValue<'i>) -> Result<(), Self::Error> {
        match token {
            TokenOrValue::Token(Token::UnquotedUrl(_) | Token::BadUrl(_)) => {
                self.reasons.push(function_reason("url"));
            }
            TokenOrValue::Token(Token::Function(name))
                if !ALLOWED_FUNCTIONS.contains(&name.to_ascii_lowercase().as_str()) =>
            {
                self.reasons.push(function_reason(name));
            }
            _ => {}
        }
        token.visit_children(self)
    }
}

/// What the visitor finds in a media query list (`env()`, say).
pub(crate) fn find_in_media(list: &mut MediaList<'_>) -> Vec<String> {
    let mut finder = Finder::default();
    let _ = list.visit(&mut finder);
    finder.reasons
}
