/* Every page: after an Ajax request, the keyboard focus moves to the feedback it produced beside the control that
   caused it (an element of class "feedback" that now has text: a field's error, the outcome of a form, a password
   just issued), which also scrolls it into view and has screen readers read it. At sign-out the review comments
   kept in this tab are forgotten. A file of our own: the Content-Security-Policy forbids inline scripts. */
(function () {
    'use strict';

    function focusFeedback() {
        var regions = document.querySelectorAll('.feedback');
        for (var i = 0; i < regions.length; i++) {
            var region = regions[i];
            // a region the request replaced is a new element, without the mark of an earlier focus
            if (region.textContent.trim() !== '' && !region.hasAttribute('data-focused')) {
                region.setAttribute('data-focused', 'true');
                region.setAttribute('tabindex', '-1');
                region.focus();
                return;
            }
        }
    }

    document.addEventListener('DOMContentLoaded', function () {
        window.jQuery(document).on('pfAjaxComplete', focusFeedback);
        if (new URLSearchParams(window.location.search).get('signedOut') === 'true') {
            for (var i = window.sessionStorage.length - 1; i >= 0; i--) {
                var key = window.sessionStorage.key(i);
                if (key.indexOf('strokescan.review-comment.') === 0) {
                    window.sessionStorage.removeItem(key);
                }
            }
        }
    });
}());
