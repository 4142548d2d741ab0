/* The worklist page, live: the Faces websocket (channel "worklist") says a line changed; the page re-reads its own
   list through its session (p:remoteCommand refreshWorklist), several messages in a burst costing one read. A
   suspected verdict raises a desktop notification (once the user allowed them) and, if switched on, a short tone.
   A file of our own: the Content-Security-Policy forbids inline scripts. */
var StrokeScanWorklist = (function () {
    'use strict';

    var SOUND_KEY = 'strokescan.worklist.sound';
    /** a burst of changes (a series arriving slice by slice) within this many ms is read once */
    var COALESCE_MS = 300;
    var WAITING_TICK_MS = 30000;

    var refreshing = false;
    /** the studies this page raised a notification for, in order (for whoever checks the page, e.g. a test) */
    var notified = [];
    var refreshAgain = false;
    var scheduled = null;
    var audio = null;

    function texts() {
        return document.getElementById('worklist-live').dataset;
    }

    function refresh() {
        scheduled = null;
        if (refreshing) {
            refreshAgain = true;
            return;
        }
        refreshing = true;
        window.refreshWorklist();
    }

    function scheduleRefresh() {
        if (scheduled === null) {
            scheduled = window.setTimeout(refresh, COALESCE_MS);
        }
    }

    function refreshed() {
        refreshing = false;
        updateWaiting();
        if (refreshAgain) {
            refreshAgain = false;
            scheduleRefresh();
        }
    }

    function showLiveState(state, text) {
        var element = document.getElementById('live-state');
        element.dataset.state = state;
        element.textContent = text;
    }

    function opened() {
        showLiveState('on', texts().liveOn);
        // a change missed while the socket was away (or before it opened) is read now
        scheduleRefresh();
    }

    function closed() {
        showLiveState('lost', texts().liveLost);
    }

    function received(message) {
        if (message && message.suspectedVerdict === true) {
            notifySuspected(String(message.examinationId));
            playTone();
        }
        scheduleRefresh();
    }

    /* The notification names no patient (it may show on a locked screen); its tag makes repeats replace it. */
    function notifySuspected(examinationId) {
        if (!('Notification' in window) || window.Notification.permission !== 'granted') {
            return;
        }
        var notification = new window.Notification(texts().notificationTitle,
            {body: texts().notificationBody, tag: 'strokescan-suspected-' + examinationId});
        notified.push(examinationId);
        notification.onclick = function () {
            window.focus();
            notification.close();
        };
    }

    function showPermission() {
        var button = document.getElementById('notify-permission');
        var state = document.getElementById('notify-state');
        if (!('Notification' in window)) {
            button.hidden = true;
            state.textContent = texts().notificationsUnsupported;
            return;
        }
        var permission = window.Notification.permission;
        button.hidden = permission !== 'default';
        state.textContent = permission === 'granted' ? texts().notificationsOn
            : permission === 'denied' ? texts().notificationsBlocked : '';
    }

    function askPermission() {
        if ('Notification' in window) {
            window.Notification.requestPermission().then(showPermission);
        }
    }

    function soundOn() {
        return window.localStorage.getItem(SOUND_KEY) === 'on';
    }

    /* A short two-note tone. The AudioContext is made on the click that switches sound on: browsers let a page
       play only after a gesture of the user. */
    function playTone() {
        if (!soundOn() || !window.AudioContext) {
            return;
        }
        audio = audio || new window.AudioContext();
        if (audio.state === 'suspended') {
            audio.resume();
        }
        [880, 660].forEach(function (frequency, i) {
            var start = audio.currentTime + i * 0.18;
            var oscillator = audio.createOscillator();
            var gain = audio.createGain();
            oscillator.frequency.value = frequency;
            gain.gain.setValueAtTime(0.0001, start);
            gain.gain.exponentialRampToValueAtTime(0.2, start + 0.02);
            gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.16);
            oscillator.connect(gain).connect(audio.destination);
            oscillator.start(start);
            oscillator.stop(start + 0.17);
        });
    }

    function soundToggled(event) {
        window.localStorage.setItem(SOUND_KEY, event.target.checked ? 'on' : 'off');
        if (event.target.checked && window.AudioContext) {
            audio = audio || new window.AudioContext();
            audio.resume();
        }
    }

    /* Between updates an unsigned study's waiting time keeps counting, in the page's words for it. */
    function updateWaiting() {
        var now = Date.now();
        var waiting = document.querySelectorAll('#worklist .waiting[data-since]');
        for (var i = 0; i < waiting.length; i++) {
            var minutes = Math.max(0, Math.floor((now - Number(waiting[i].dataset.since)) / 60000));
            waiting[i].textContent = minutes < 60
                ? texts().waitingMinutes.replace('{0}', minutes)
                : texts().waitingHours.replace('{0}', Math.floor(minutes / 60)).replace('{1}', minutes % 60);
        }
    }

    /* A click anywhere on a row opens its study, as its patient link does (the link stays the keyboard's way). */
    function openRow(event) {
        var row = event.target.closest('#worklist\\:table tbody tr');
        if (!row || event.target.closest('a, button, input')) {
            return;
        }
        var link = row.querySelector('a.open-examination');
        if (link) {
            window.location.href = link.href;
        }
    }

    document.addEventListener('DOMContentLoaded', function () {
        var sound = document.getElementById('worklist-sound');
        sound.checked = soundOn();
        sound.addEventListener('change', soundToggled);
        document.getElementById('notify-permission').addEventListener('click', askPermission);
        document.addEventListener('click', openRow);
        showPermission();
        window.setInterval(updateWaiting, WAITING_TICK_MS);
    });

    return {
        opened: opened, closed: closed, received: received, refreshed: refreshed,
        notified: function () {
            return notified.slice();
        }
    };
}());
