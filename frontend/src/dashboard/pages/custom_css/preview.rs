//! **Preview**: the widget's bank chooser in a frame, with the unsaved file
//! that passed the checks, else the saved theme, else the default look.
//!
//! The frame is the widget itself in preview mode (`/link?preview=true`,
//! no link token, nothing can be connected), so what is shown is what end
//! users will see. A new frame is drawn for each theme rather than its
//! `src` changed, so previews do not pile up in the tab's history.

use bankport_shared::css::preview_url;
use leptos::prelude::*;

use super::{Check, CssPage};
use crate::dashboard::components::page::Loading;
use crate::dashboard::components::remote::LoadStatus;

const TITLE_ID: &str = "css-preview-title";
const CAPTION_ID: &str = "css-preview-caption";

/// Which stylesheet the frame shows.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Shown {
    /// The chosen file, checked but not saved.
    Unsaved { name: String, hash: String },
    /// The theme every link uses.
    Saved { hash: String },
    /// No theme: the default look.
    Default,
    /// The theme could not be read: the default look, said so.
    Unknown,
}

impl Shown {
    fn url(&self) -> String {
        match self {
            Self::Unsaved { hash, .. } | Self::Saved { hash } => preview_url(Some(hash)),
            Self::Default | Self::Unknown => preview_url(None),
        }
    }

    fn caption(&self) -> String {
        match self {
            Self::Unsaved { name, .. } => {
                format!("Showing your unsaved file {name}. Select Upload to use it for every link.")
            }
            Self::Saved { .. } => "Showing your saved theme, as every link uses it.".to_owned(),
            Self::Default => "Showing the default theme.".to_owned(),
            Self::Unknown => {
                "Showing the default look: your saved theme could not be loaded.".to_owned()
            }
        }
    }
}

#[component]
pub(super) fn Preview(page: CssPage) -> impl IntoView {
    let theme = page.theme;
    // None until there is something to show (the theme is still loading).
    let shown =
        Memo::new(move |_| {
            let unsaved = page.check.with(|check| match check {
                Check::Accepted(preview) => Some(preview.hash.clone()),
                _ => None,
            });
            if let Some(hash) = unsaved {
                let name = page
                    .chosen
                    .with(|chosen| chosen.as_ref().map(|chosen| chosen.name.clone()))
                    .unwrap_or_default();
                return Some(Shown::Unsaved { name, hash });
            }
            match theme.status() {
                LoadStatus::Loading => None,
                LoadStatus::Failed => Some(Shown::Unknown),
                LoadStatus::Ready => Some(theme.with_data(|theme| {
                    match theme.and_then(|theme| theme.current.as_ref()) {
                        Some(current) => Shown::Saved {
                            hash: current.hash.clone(),
                        },
                        None => Shown::Default,
                    }
                })),
            }
        });
    let src = Memo::new(move |_| shown.with(|shown| shown.as_ref().map(Shown::url)));
    let caption = move || shown.with(|shown| shown.as_ref().map(Shown::caption));

    view! {
        <section id="css-preview" class="card section custom-css-preview" aria-labelledby=TITLE_ID>
            <h2 id=TITLE_ID class="section-title-small">"Preview"</h2>
            <p id=CAPTION_ID class="muted" aria-live="polite">{caption}</p>
            {move || match src.get() {
                Some(src) => view! {
                    <iframe
                        id="css-preview-frame"
                        class="widget-preview-frame"
                        title="Widget preview"
                        aria-describedby=CAPTION_ID
                        src=src
                    ></iframe>
                }
                .into_any(),
                None => view! { <Loading text="Loading the preview…"/> }.into_any(),
            }}
            <p class="muted">
                "The preview shows the bank chooser end users see first. Its banks cannot be "
                "opened."
            </p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_frame_shows_the_unsaved_file_else_the_saved_theme_else_the_default() {
        let hash = "a".repeat(64);
        let unsaved = Shown::Unsaved {
            name: "theme.css".to_owned(),
            hash: hash.clone(),
        };
        assert_eq!(unsaved.url(), format!("/link?preview=true&theme={hash}"));
        assert!(unsaved.caption().contains("unsaved file theme.css"));
        let saved = Shown::Saved { hash: hash.clone() };
        assert_eq!(saved.url(), format!("/link?preview=true&theme={hash}"));
        assert!(saved.caption().contains("saved theme"));
        assert_eq!(Shown::Default.url(), "/link?preview=true");
        assert_eq!(Shown::Default.caption(), "Showing the default theme.");
        assert_eq!(Shown::Unknown.url(), "/link?preview=true");
    }
}
