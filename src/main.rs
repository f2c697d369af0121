//! The browser face of the CopyImage engine: mounts the Yew app and installs a panic hook that shows a
//! visible error instead of a dead page.

mod app;
mod components;
mod edits;
mod export;
mod form;
mod permalink;
mod state;

fn main() {
    app::install_panic_hook();
    yew::Renderer::<app::App>::new().render();
}
