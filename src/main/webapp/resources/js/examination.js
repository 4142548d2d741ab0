/* The examination page: counts a series' files as they are classified, lays the heat map over its slice
   with the opacity the clinician chose, and keeps the review comment as it is typed in this tab (sessionStorage,
   per examination) until a review is saved, so that a session which ends under the page loses nothing typed: the
   page opened again after sign-in shows it. A file of our own because the Content-Security-Policy forbids inline
   scripts. */
(function () {
    'use strict';

    var expected = 0, done = 0, failed = 0;  // files chosen, answered, answered with an error

    function showProgress() {
        var bar = document.getElementById('series-progress');
        var text = document.getElementById('series-progress-text');
        if (!bar || !text) {
            return;
        }
        bar.max = Math.max(expected, 1);
        bar.value = done;
        var words = text.getAttribute('data-template').replace('{0}', done).replace('{1}', expected);
        if (failed > 0) {
            words += ' ' + text.getAttribute('data-failed').replace('{0}', failed);
        }
        text.textContent = words;
    }

    var opacity = 60, visible = true;

    function showHeatmap() {
        var layer = document.getElementById('heat-layer');
        var slider = document.getElementById('heat-opacity');
        var toggle = document.getElementById('heat-toggle');
        if (slider) {
            slider.value = opacity;
            slider.disabled = !visible;
        }
        if (toggle) {
            toggle.checked = visible;
        }
        if (layer) {
            layer.style.opacity = visible ? opacity / 100 : 0;
        }
    }

    document.addEventListener('input', function (event) {
        if (event.target.id === 'heat-opacity') {
            opacity = Number(event.target.value);
            showHeatmap();
        }
    });
    var COMMENT = 'reviewForm:comment';

    function draftKey() {
        var id = new URLSearchParams(window.location.search).get('id');
        return id ? 'strokescan.review-comment.' + id : null;
    }

    document.addEventListener('input', function (event) {
        if (event.target.id === COMMENT && draftKey()) {
            window.sessionStorage.setItem(draftKey(), event.target.value);
        }
    });

    function restoreDraft() {
        var box = document.getElementById(COMMENT);
        var draft = draftKey() && window.sessionStorage.getItem(draftKey());
        if (box && draft && !box.value) {
            box.value = draft;
        }
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', restoreDraft);
    } else {
        restoreDraft();
    }

    document.addEventListener('change', function (event) {
        if (event.target.id === 'heat-toggle') {
            visible = event.target.checked;
            showHeatmap();
        }
    });
    // The viewer is replaced whenever another slice is chosen; its new heat map takes the chosen settings.
    document.addEventListener('load', function (event) {
        if (event.target.id === 'heat-layer') {
            showHeatmap();
        }
    }, true);

    // The slice list starts folded on a phone-sized screen, until the clinician opens or closes it themselves;
    // every ajax update renders it anew, so the choice is applied again after each.
    var smallScreen = window.matchMedia('(max-width: 40rem)'), sliceListOpen = null;

    function foldSliceList() {
        var list = document.getElementById('slice-list');
        if (list) {
            list.open = sliceListOpen === null ? !smallScreen.matches : sliceListOpen;
        }
    }

    document.addEventListener('click', function (event) {
        var summary = event.target.closest && event.target.closest('#slice-list > summary');
        if (summary) {
            sliceListOpen = !summary.parentElement.open; // the click is about to toggle it
        }
    });
    document.addEventListener('DOMContentLoaded', foldSliceList);
    if (window.jQuery) {
        window.jQuery(document).on('pfAjaxComplete', foldSliceList);
    }

    window.StrokeScan = window.StrokeScan || {};
    window.StrokeScan.review = {
        // oncomplete of Sign and Amend: the server saved the review, so the draft is done with
        answered: function (args) {
            if (args && args.reviewSaved && draftKey()) {
                window.sessionStorage.removeItem(draftKey());
            }
        }
    };
    window.StrokeScan.series = {
        added: function (file, callback) {
            expected++;
            showProgress();
            callback(file);
        },
        finished: function () {
            done++;
            showProgress();
        },
        // onerror runs before oncomplete for the same file, which then counts it as done
        failed: function () {
            failed++;
        }
    };
}());
