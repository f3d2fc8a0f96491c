// Widgets on the slides: lets the ipywidgets 8 widget manager load in jupyterlab-rise's slideshow.
//
// Why: jupyterlab-rise 0.43 shows the slides in a JupyterLab of its own (core 4.3, built into
// the extension), which loads every installed JupyterLab extension, the widget manager
// (@jupyter-widgets/jupyterlab-manager, from jupyterlab_widgets) too. But that manager asks for
// the shared package @jupyterlab/console, which the slideshow's JupyterLab does not have: it fails
// to load ("Shared module @jupyterlab/console doesn't exist in shared scope default"), and every
// widget on the slides shows as its text, e.g. BackpropStepper(step 0 of 7)
// (jupyterlab-contrib/rise issues 119 and 126).
//
// What: the widget manager takes one thing from @jupyterlab/console, the IConsoleTracker token,
// and only as an optional service (to show widgets in code consoles; the slideshow has none). So
// this offers a stand-in @jupyterlab/console holding such a token, where no @jupyterlab/console
// is offered already. Nothing provides the token, so the manager goes on without consoles, as it
// is written to do. In JupyterLab itself the real @jupyterlab/console is there: this does nothing.
//
// How: JupyterLab (and the slideshow) runs this file (package.json, "load") and calls init() of
// the container it defines, window._JUPYTERLAB["course-rise-widgets"], with the shared scope,
// where a container may offer packages: the scope maps a package's name to its versions, each
// with a get() that returns a promise of the module's factory. This is the protocol of the
// extensions that @jupyterlab/builder makes, written by hand: no build step. The container has no
// plugin, so get() is never asked for one. course.py hands lab-extensions/ to JupyterLab and to
// the slideshow (lab_args). It can go when jupyterlab-rise's slideshow has @jupyterlab/console.
(function () {
  "use strict";
  const NAME = "course-rise-widgets";
  const PACKAGE = "@jupyterlab/console";
  const standIn = {
    IConsoleTracker: { name: PACKAGE + ":IConsoleTracker",
                       description: "stand-in: the slideshow has no code consoles" }
  };
  window._JUPYTERLAB = window._JUPYTERLAB || {};
  window._JUPYTERLAB[NAME] = {
    init(shareScope) {
      if (shareScope[PACKAGE]) return;  // the real one is there (JupyterLab itself)
      // version 0.0.0: it is no real @jupyterlab/console (the manager, built for JupyterLab 4.6,
      // says so in a warning, as it does of every package of the slideshow's JupyterLab 4.3)
      shareScope[PACKAGE] = {
        "0.0.0": { from: NAME, eager: false, get: () => Promise.resolve(() => standIn) }
      };
    },
    get(module) {
      return Promise.reject(new Error(`${NAME} has no module ${module}`));
    }
  };
})();
