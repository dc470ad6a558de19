//! What a user does: open pages, type, click.

use anyhow::{Context, Result};
use fantoccini::elements::Element;
use fantoccini::key::Key;

use crate::{Browser, PATIENCE, find};

impl Browser {
    /// Opens `url` and waits for the WASM app to render something into `wait_for`.
    pub async fn open(&self, url: &str, wait_for: &str) -> Result<()> {
        self.client
            .goto(url)
            .await
            .with_context(|| format!("opening {url}"))?;
        self.element(wait_for).await.map(drop)
    }

    /// Waits for the element `query` (see [`find`]) to appear.
    pub async fn element(&self, query: &str) -> Result<Element> {
        self.client
            .wait()
            .at_most(PATIENCE)
            .for_element(find::locator(query))
            .await
            .with_context(|| format!("waiting for {query}"))
    }

    /// Every element currently matching `query`.
    pub async fn elements(&self, query: &str) -> Result<Vec<Element>> {
        Ok(self.client.find_all(find::locator(query)).await?)
    }

    /// Replaces the content of `query` with `text` the way a person does
    /// (select all, Backspace, type), so the page sees real `input` events;
    /// WebDriver's own `clear` fires none.
    pub async fn type_into(&self, query: &str, text: &str) -> Result<()> {
        let input = self.element(query).await?;
        let select_all_and_delete = format!(
            "{ctrl}a{release}{backspace}",
            ctrl = char::from(Key::Control),
            release = char::from(Key::Null),
            backspace = char::from(Key::Backspace),
        );
        input.send_keys(&select_all_and_delete).await?;
        input
            .send_keys(text)
            .await
            .with_context(|| format!("typing into {query}"))
    }

    /// Clicks the element `query`.
    pub async fn click(&self, query: &str) -> Result<()> {
        self.element(query)
            .await?
            .click()
            .await
            .with_context(|| format!("clicking {query}"))
    }

    /// Chooses the option labelled `label` in the select `query`.
    pub async fn select(&self, query: &str, label: &str) -> Result<()> {
        self.element(query)
            .await?
            .select_by_label(label)
            .await
            .map(drop)
            .with_context(|| format!("choosing {label:?} in {query}"))
    }
}
