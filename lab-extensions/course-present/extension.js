// Present a notebook with one key (Alt+P) or one toolbar button: its RISE slideshow, full screen.
//
// jupyterlab-rise does it in two steps (Alt+R opens the slides beside the notebook, then their
// full-screen button), because a browser grants full screen only to a page that the user has just
// clicked or typed into, and the slides load into a new frame that was not there at the key press:
// chaining RISE's two commands behind one key is refused ("API can only be initiated by a user
// gesture"). So this asks for full screen at once, on the frame itself, which is part of the page
// that received the key; the slides load into it and fill the screen.
//
// A JupyterLab extension without a build step: JupyterLab runs this file (package.json, "load")
// and takes the plugin from the container it defines, window._JUPYTERLAB["course-present"], the
// protocol of the extensions that @jupyterlab/builder makes. It uses nothing but the `app` that
// JupyterLab passes to it. course.py hands lab-extensions/ to JupyterLab
// (--LabApp.extra_labextensions_path). The key and the button are declared in
// schemas/course-present/plugin.json. The file is not in a static/ folder, which JupyterLab tells
// browsers to cache for good: an edited file reaches them on the next reload.
(function () {
  "use strict";
  const NAME = "course-present";
  const PRESENT = "course-present:present";
  const PREVIEW = "RISE:preview";  // jupyterlab-rise: the slides beside the notebook
  const FULL_SCREEN = "course-present:full-screen";  // the slides' frame, full screen, on a click

  const plugin = {
    id: "course-present:plugin",
    description: "Present a notebook: its RISE slideshow, full screen, with one key or button.",
    autoStart: true,
    activate(app) {
      if (app.name === "Rise") return;  // RISE's own slideshow page loads extensions too
      const { commands, shell } = app;
      // full screen for the slides panel `id`, asked of its frame by the page that was clicked
      // (the notification's button): a browser grants it to the frame that had the click or
      // its parent, and Chromium 156 refuses it to a document inside the frame, where
      // jupyterlab-rise's own full-screen command asks
      commands.addCommand(FULL_SCREEN, {
        label: "Full screen",
        execute: async (args) => {
          const slides = [...shell.widgets("main")].find((w) => w.id === args.id);
          const frame = slides && slides.node.querySelector("iframe[src*='/rise/']");
          if (!frame) return;
          await frame.requestFullscreen();
          frame.focus();
        }
      });
      commands.addCommand(PRESENT, {
        label: "Present: the slideshow, full screen",
        caption: "Present this notebook: its slideshow (RISE), full screen",
        // only with jupyterlab-rise (`python3 course.py present`); a student's lab has no button
        isVisible: () => commands.hasCommand(PREVIEW),
        isEnabled: () => commands.hasCommand(PREVIEW) && commands.isEnabled(PREVIEW),
        execute: async () => {
          await commands.execute(PREVIEW);  // opens the slides panel and makes it current
          const slides = shell.currentWidget;
          const frame = slides && slides.node.querySelector("iframe[src*='/rise/']");
          if (!frame) return;
          try {
            await frame.requestFullscreen();
            frame.focus();  // Space and the arrow keys go to the slides
          } catch (error) {  // e.g. a browser that wants a click: the panel stays open beside
            console.warn(`${PRESENT}: the browser refused full screen:`, error);
            await commands.execute("apputils:notify", {
              message: "The browser kept the slides out of full screen: click Full screen.",
              type: "warning",
              options: {
                autoClose: false,
                actions: [{ label: "Full screen", commandId: FULL_SCREEN, args: { id: slides.id } }]
              }
            });
          }
        }
      });
      // the button shows once jupyterlab-rise's command exists, and is enabled when it is
      commands.commandChanged.connect((_, change) => {
        if (change.id === PREVIEW || change.type === "many-changed") {
          commands.notifyCommandChanged(PRESENT);
        }
      });
    }
  };

  window._JUPYTERLAB = window._JUPYTERLAB || {};
  window._JUPYTERLAB[NAME] = {
    init: () => Promise.resolve(),  // it shares no modules
    get: (module) => module === "./extension"
      ? Promise.resolve(() => ({ __esModule: true, default: plugin }))
      : Promise.reject(new Error(`${NAME} has no module ${module}`))
  };
})();
