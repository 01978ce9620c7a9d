// Small helpers of the console's live pages (called through JS interop) and the reconnect dialog's buttons.
window.djinnConsole = {
    // Saves a server-made file (a DotNetStreamReference) as a download.
    async download(fileName, streamRef) {
        const buffer = await streamRef.arrayBuffer();
        const url = URL.createObjectURL(new Blob([buffer], { type: "text/plain;charset=utf-8" }));
        const link = document.createElement("a");
        link.href = url;
        link.download = fileName;
        document.body.appendChild(link);
        link.click();
        link.remove();
        URL.revokeObjectURL(url);
    },

    // Keeps a scrolling element pinned to its bottom as content arrives, unless the user scrolled up. Only scrolling
    // that follows the user's own input (wheel, touch, keys, the scrollbar) can unpin it: content growing under a
    // virtualized list also fires scroll events, and those must not count as the user leaving the bottom.
    followTail(element) {
        if (!element || element.djinnFollow) {
            return;
        }
        let stick = true;
        let userInputAt = 0;
        const userInput = () => { userInputAt = performance.now(); };
        for (const type of ["wheel", "touchstart", "touchmove", "keydown", "mousedown"]) {
            element.addEventListener(type, userInput, { passive: true });
        }
        element.addEventListener("scroll", () => {
            if (performance.now() - userInputAt < 1000) {
                stick = element.scrollTop + element.clientHeight >= element.scrollHeight - 8;
            }
        });
        const observer = new MutationObserver(() => {
            if (stick) {
                element.scrollTop = element.scrollHeight;
            }
        });
        observer.observe(element, { childList: true, subtree: true, attributes: true, characterData: true });
        element.djinnFollow = observer;
    },

    // Copies an input's value to the clipboard; true when it worked.
    async copyValue(input) {
        try {
            await navigator.clipboard.writeText(input.value);
            return true;
        } catch {
            input.select();
            return document.execCommand("copy");
        }
    },
};

document.addEventListener("click", event => {
    const action = event.target.closest("[data-reconnect-action]")?.dataset.reconnectAction;
    if (action === "retry") {
        Blazor.reconnect().then(ok => { if (!ok) { location.reload(); } }, () => { });
    } else if (action === "reload") {
        location.reload();
    }
});
