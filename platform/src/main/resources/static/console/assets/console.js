/*
 * The Lethe console's one script. Each page is a server-rendered frame; this reads what it shows from
 * the platform's HTTP API with the signed-in session (every read of personal data is logged there, as
 * for any caller) and sends each form to the API as JSON with the session's CSRF token. It holds no
 * rule of the platform's: a refused step comes back as the API's problem detail and is shown as such.
 * Text is only ever set as text, never parsed as markup.
 */
(function () {
    'use strict';

    const body = document.body;
    const zones = body.dataset.zones ? JSON.parse(body.dataset.zones) : {};
    const csrfHeader = document.querySelector('meta[name="csrf-header"]');
    const csrfToken = document.querySelector('meta[name="csrf-token"]');

    // ---- the page's language ----------------------------------------------------------------------

    /**
     * Every text this script shows, in the page's language (English or Japanese), as the server hands
     * them over in a data block the content policy lets through because it is never run. Keys, not
     * English sentences: the English is in the same bundle (console/messages.properties) as the pages'.
     */
    const texts = safeJson((document.getElementById('console-texts') || {}).textContent || '') || {};
    const lang = document.documentElement.lang === 'ja' ? 'ja' : 'en';

    /** A text's pieces, each {0}, {1}… replaced by its argument as it is: a date's time element stays a node. */
    function parts(key, ...args) {
        const text = texts[key] === undefined ? key : texts[key];
        return text.split(/(\{\d+\})/).filter(piece => piece !== '').map(piece => {
            const slot = /^\{(\d+)\}$/.exec(piece);
            return slot ? args[Number(slot[1])] : piece;
        });
    }

    /** A text in the page's language, each {0}, {1}… filled with its argument. */
    function t(key, ...args) {
        return parts(key, ...args).map(piece => piece === null || piece === undefined ? '' : String(piece)).join('');
    }

    /** Items one after the other, as the language lists them ("a, b" or "a、b"). */
    function list(items) {
        return items.join(t('list.separator'));
    }

    // ---- talking to the API ----------------------------------------------------------------------

    class Problem extends Error {
        constructor(status, problem) {
            super(problem && problem.detail ? problem.detail : t('problem.answered', status));
            this.status = status;
            this.problem = problem || {};
        }
    }

    /**
     * Where this person's last change ended (the API's Lethe-Position), kept for the pages that follow it:
     * every read for a minute after a change asks the API to answer only once the read models show it.
     */
    const POSITION_SLOT = 'lethe-position';
    const POSITION_KEPT_MS = 60000;

    function lastPosition() {
        const kept = safeJson(sessionStorage.getItem(POSITION_SLOT) || 'null');
        return kept && Date.now() - kept.at < POSITION_KEPT_MS ? kept.position : null;
    }

    async function api(method, path, payload, extraHeaders) {
        const headers = Object.assign({'Accept': 'application/json, application/problem+json'}, extraHeaders || {});
        if (method !== 'GET' && csrfHeader && csrfToken) {
            headers[csrfHeader.content] = csrfToken.content;
        }
        if (method !== 'GET') {
            // every change declares a JSON body, even a bodyless one, as the API's other callers do
            headers['Content-Type'] = 'application/json';
        }
        const position = method === 'GET' ? lastPosition() : null;
        if (position) {
            headers['Lethe-Read-After'] = position;
        }
        const response = await fetch(path, {
            method: method, headers: headers, credentials: 'same-origin',
            body: payload === undefined ? undefined : JSON.stringify(payload)
        });
        if (response.status === 401) {
            window.location.assign('/console/login');
            throw new Problem(401, {detail: t('problem.sessionEnded')});
        }
        const text = await response.text();
        const parsed = text ? safeJson(text) : null;
        if (position && response.status === 503 && parsed
            && parsed.type === 'urn:problem-type:lethe:read-model-behind') {
            // the change is recorded; the views are late: say so, and show what they hold now
            sessionStorage.removeItem(POSITION_SLOT);
            say(t('status.behind'));
            return api(method, path, payload, extraHeaders);
        }
        if (!response.ok) {
            throw new Problem(response.status, parsed);
        }
        const written = response.headers.get('Lethe-Position');
        if (method !== 'GET' && written) {
            sessionStorage.setItem(POSITION_SLOT, JSON.stringify({position: written, at: Date.now()}));
        }
        lastReplayed = response.headers.get('Idempotent-Replayed') === 'true';
        lastTotal = response.headers.get('X-Total-Count');
        return parsed;
    }

    /** Whether the last answer was the platform repeating what an earlier, identical call made. */
    let lastReplayed = false;
    /** How many items the last answer's list holds in all, where it says (X-Total-Count). */
    let lastTotal = null;

    function safeJson(text) {
        try {
            return JSON.parse(text);
        } catch (e) {
            return null;
        }
    }

    // ---- showing things ---------------------------------------------------------------------------

    function el(tag, attributes, ...children) {
        const node = document.createElement(tag);
        Object.entries(attributes || {}).forEach(([name, value]) => {
            if (value !== null && value !== undefined && value !== false) {
                node.setAttribute(name, value === true ? '' : value);
            }
        });
        children.flat(Infinity).forEach(child => {
            if (child !== null && child !== undefined) {
                node.append(child instanceof Node ? child : document.createTextNode(String(child)));
            }
        });
        return node;
    }

    function link(href, text) {
        return el('a', {href: href}, text);
    }

    /**
     * A code as people read it: IN_PROGRESS is "In progress", know-specific-pieces "Know specific pieces",
     * a law "California (US-CA)" (its name with the code kept beside); nothing is a dash. The texts name
     * the codes the console knows; one they do not know yet reads by the English rule.
     */
    function label(code) {
        if (code === null || code === undefined || code === '') {
            return '—';
        }
        const named = texts['law.' + code] || texts['label.' + code];
        if (named) {
            return named;
        }
        const words = String(code).replace(/[_-]+/g, ' ').toLowerCase();
        return words.charAt(0).toUpperCase() + words.slice(1);
    }

    /**
     * A code the English console shows as the API spells it (OPEN, know-categories, PROFILE): kept so
     * in English, named in Japanese (code.shown picks which); nothing is a dash.
     */
    function shown(code) {
        return code === null || code === undefined || code === '' ? '—' : t('code.shown', code, label(code));
    }

    /** An instant as the given law's local time in the page's language, with the zone named, or a dash. */
    function when(instant, jurisdiction) {
        if (!instant) {
            return '—';
        }
        const zone = zones[jurisdiction] || undefined;
        const formatted = new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-GB', {
            timeZone: zone, year: 'numeric', month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit',
            timeZoneName: 'short'
        }).format(new Date(instant));
        return el('time', {datetime: instant}, formatted);
    }

    /** Today's date (YYYY-MM-DD) in a law's time zone. */
    function today(jurisdiction) {
        return new Intl.DateTimeFormat('en-CA', {timeZone: zones[jurisdiction] || 'UTC'}).format(new Date());
    }

    function daysBetween(from, to) {
        const [fy, fm, fd] = from.split('-').map(Number);
        const [ty, tm, td] = to.split('-').map(Number);
        return Math.round((Date.UTC(ty, tm - 1, td) - Date.UTC(fy, fm - 1, fd)) / 86400000);
    }

    /** Days left to a due day in the law's own calendar: negative when overdue. */
    function daysLeft(request) {
        if (!request.dueOn) {
            return '—';
        }
        if (request.closedAt) {
            return t('days.closed');
        }
        if (request.clockStopped) {
            return t('days.clockStopped');
        }
        const left = daysBetween(today(request.jurisdiction), request.dueOn);
        if (request.overdue || left < 0) {
            return el('strong', {class: 'overdue'}, left < 0 ? t('days.overdueBy', -left) : t('days.overdue'));
        }
        return left === 0 ? t('days.dueToday') : t('days.left', left);
    }

    /** Time left to an instant, in days and hours. */
    function timeLeft(instant, overdue) {
        if (!instant) {
            return '—';
        }
        const millis = new Date(instant).getTime() - Date.now();
        if (overdue || millis < 0) {
            return el('strong', {class: 'overdue'}, t('days.overdue'));
        }
        const hours = Math.floor(millis / 3600000);
        return t('time.left', Math.floor(hours / 24), hours % 24);
    }

    function yesNo(value) {
        return t(value ? 'value.yes' : 'value.no');
    }

    function facts(dl, pairs) {
        dl.replaceChildren();
        pairs.forEach(([term, value]) => {
            dl.append(el('dt', {}, term), el('dd', {}, value === null || value === undefined || value === '' ? '—' : value));
        });
    }

    function rows(table, items, render, empty) {
        const tbody = table.querySelector('tbody');
        tbody.replaceChildren();
        if (!items || items.length === 0) {
            const columns = table.querySelectorAll('thead th').length;
            tbody.append(el('tr', {}, el('td', {colspan: columns}, empty || t('table.none'))));
            return;
        }
        items.forEach(item => tbody.append(el('tr', {}, render(item).map((cell, i) =>
            i === 0 ? el('th', {scope: 'row'}, cell) : el('td', {}, cell)))));
    }

    function say(text) {
        const status = document.getElementById('status');
        if (status) {
            status.textContent = text;
        }
        const problem = document.getElementById('problem');
        if (problem) {
            problem.hidden = true;
            problem.replaceChildren();
        }
    }

    /** Takes away what an earlier refusal marked on a form's fields. */
    function clearFieldErrors(form) {
        if (!form) {
            return;
        }
        form.querySelectorAll('.field-error').forEach(note => note.remove());
        form.querySelectorAll('[aria-invalid]').forEach(field => {
            field.removeAttribute('aria-invalid');
            const described = (field.getAttribute('aria-describedby') || '').split(' ')
                .filter(id => id && id !== field.id + '-error').join(' ');
            if (described) {
                field.setAttribute('aria-describedby', described);
            } else {
                field.removeAttribute('aria-describedby');
            }
        });
    }

    /**
     * A refusal, shown at the top of the page and, for each field the platform names, next to that
     * field under its label's words (never the API's field path), with the first such field focused.
     */
    function complain(error, form) {
        const problem = document.getElementById('problem');
        if (!problem) {
            return;
        }
        clearFieldErrors(form);
        const details = error.problem || {};
        const shownParts = [el('p', {}, parts('problem.line', el('strong', {}, details.title || t('problem.refused')), error.message))];
        const fields = details.errors || details.fieldErrors || details.invalidFields;
        let first = null;
        if (Array.isArray(fields)) {
            shownParts.push(el('ul', {}, fields.map(field => {
                const name = typeof field === 'string' ? null : (field.field || field.name || null);
                const message = typeof field === 'string' ? field : (field.message || field.reason || '');
                const input = form && name ? form.querySelector('[name="' + CSS.escape(name) + '"]') : null;
                if (!input || !input.id) {
                    return el('li', {}, name ? t('problem.field', name, message) : message);
                }
                const label = form.querySelector('label[for="' + CSS.escape(input.id) + '"]');
                const words = label ? label.textContent.trim() : name;
                if (!document.getElementById(input.id + '-error')) {
                    input.insertAdjacentElement('afterend', el('span', {class: 'field-error', id: input.id + '-error'}, message));
                    input.setAttribute('aria-describedby', ((input.getAttribute('aria-describedby') || '') + ' ' + input.id + '-error').trim());
                }
                input.setAttribute('aria-invalid', 'true');
                first = first || input;
                return el('li', {}, t('problem.field', words, message));
            })));
        }
        problem.replaceChildren(...shownParts);
        problem.hidden = false;
        const status = document.getElementById('status');
        if (status) {
            status.textContent = '';
        }
        if (first) {
            first.focus();
        } else {
            problem.scrollIntoView({block: 'center'});
        }
    }

    // ---- forms: each one becomes one API call -----------------------------------------------------

    function put(target, name, value) {
        const path = name.split('.');
        let node = target;
        path.slice(0, -1).forEach(part => {
            node[part] = node[part] || {};
            node = node[part];
        });
        node[path[path.length - 1]] = value;
    }

    /** The JSON body of a form: dotted names nest, lists gather checked boxes, empty fields are left out. */
    function payloadOf(form) {
        const payload = {};
        const lists = {};
        form.querySelectorAll('input[name], select[name], textarea[name]').forEach(field => {
            if (field.disabled || field.hasAttribute('data-in-path')) {
                return;
            }
            const type = field.dataset.type;
            if (type === 'list') {
                lists[field.name] = lists[field.name] || [];
                if (field.checked) {
                    lists[field.name].push(field.value);
                }
            } else if (type === 'boolean') {
                put(payload, field.name, field.checked);
            } else if (field.value.trim() !== '') {
                const value = field.value.trim();
                if (type === 'number') {
                    put(payload, field.name, Number(value));
                } else if (type === 'instant') {
                    put(payload, field.name, new Date(value).toISOString());
                } else if (type === 'lines') {
                    put(payload, field.name, value.split(/\s+/).filter(line => line !== ''));
                } else {
                    put(payload, field.name, value);
                }
            }
        });
        Object.entries(lists).forEach(([name, values]) => {
            if (values.length > 0) {
                put(payload, name, values);
            }
        });
        return payload;
    }

    /** A form's address, each {name} in it filled from the form's field of that name. */
    function pathOf(form, template) {
        return template.replace(/\{(\w+)\}/g, (match, name) => {
            const field = form.querySelector('[name="' + name + '"]');
            return encodeURIComponent(field ? field.value.trim() : '');
        });
    }

    /**
     * What a sent form did; a shredding a legal hold kept back in part says so: what was kept, by which
     * holds, and when it goes.
     */
    function doneText(what, answer) {
        if (!answer || !Array.isArray(answer.withheld) || answer.withheld.length === 0) {
            return t('status.done', what);
        }
        return t('status.doneWithheld', what, list(answer.withheldBy || []), list(answer.withheld.map(shown)));
    }

    /** A random UUID, also where the page is not a secure context (crypto.randomUUID is not there). */
    function uuid() {
        const bytes = crypto.getRandomValues(new Uint8Array(16));
        bytes[6] = (bytes[6] & 0x0f) | 0x40;
        bytes[8] = (bytes[8] & 0x3f) | 0x80;
        const hex = Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
        return hex.slice(0, 8) + '-' + hex.slice(8, 12) + '-' + hex.slice(12, 16) + '-' + hex.slice(16, 20) + '-' + hex.slice(20);
    }

    /** FNV-1a over a text, as hex: names what a form sent without keeping the text. */
    function fingerprint(text) {
        let hash = 0x811c9dc5;
        for (let i = 0; i < text.length; i++) {
            hash ^= text.charCodeAt(i);
            hash = Math.imul(hash, 0x01000193) >>> 0;
        }
        return hash.toString(16);
    }

    const KEY_LIFETIME = 3600000;

    /** Where a form's idempotency key is kept for this tab: by the address it goes to and what it sends. */
    function keySlot(path, payload) {
        return 'lethe-idempotency:' + path + ':' + fingerprint(JSON.stringify(payload));
    }

    /**
     * A form that creates something sends an idempotency key, one per address and content, kept for
     * this tab for an hour: the same form sent again with the same content to the same place (Back and
     * submit, a double click, a retry after a lost answer) is answered with what the first one created,
     * and opens it, instead of recording a second. Another subject or other content is another key; a
     * refused call's key is forgotten, so the corrected form is a new call.
     */
    function idempotencyKey(path, payload) {
        const slot = keySlot(path, payload);
        const kept = safeJson(sessionStorage.getItem(slot) || '');
        if (kept && kept.key && Date.now() - kept.at < KEY_LIFETIME) {
            return kept.key;
        }
        const key = uuid();
        sessionStorage.setItem(slot, JSON.stringify({key: key, at: Date.now()}));
        return key;
    }

    function wireForms(refresh) {
        document.querySelectorAll('form[data-path]').forEach(form => {
            form.addEventListener('submit', async event => {
                event.preventDefault();
                // a step that cannot be taken back asks first, in the browser's own words and buttons
                if (form.dataset.confirmStep && !window.confirm(form.dataset.confirmStep)) {
                    return;
                }
                const confirmation = form.querySelector('[data-confirm]');
                if (confirmation && confirmation.value.trim() !== confirmation.dataset.expected) {
                    complain(new Problem(0, {title: t('problem.notConfirmed'), detail: t('problem.typeTheId')}));
                    confirmation.focus();
                    return;
                }
                const button = form.querySelector('button[type="submit"]');
                button.disabled = true;
                body.dataset.ready = 'false';
                try {
                    const payload = payloadOf(form);
                    const path = pathOf(form, form.dataset.path);
                    const idempotent = form.hasAttribute('data-idempotent');
                    // a form without fields of its own (a bare step) sends no body
                    const answer = await api(form.dataset.method || 'POST', path,
                        form.querySelector('[name]:not([data-in-path])') ? payload : undefined,
                        idempotent ? {'Idempotency-Key': idempotencyKey(path, payload)} : undefined).catch(error => {
                            // a refusal's key is forgotten, so the corrected form is a new call; a call to retry keeps
                            // it (the first still running, a timeout, a rate limit), or the retry could record twice
                            const retry = error.status === 408 || error.status === 429 || (error.status === 409
                                && (error.problem || {}).type === 'urn:problem-type:lethe:idempotency-key-in-flight');
                            if (idempotent && error.status >= 400 && error.status < 500 && !retry) {
                                sessionStorage.removeItem(keySlot(path, payload));
                            }
                            throw error;
                        });
                    if (idempotent && lastReplayed && form.dataset.then) {
                        sessionStorage.setItem('lethe-replayed', 'true');
                    }
                    clearFieldErrors(form);
                    const legend = form.querySelector('legend');
                    say(doneText(legend ? legend.textContent : t('status.sent'), answer));
                    if (form.dataset.then === 'request' && answer) {
                        window.location.assign('/console/requests/' + answer.subjectId + '/' + answer.requestId);
                        return;
                    }
                    if (form.dataset.then === 'breach' && answer) {
                        window.location.assign('/console/breaches/' + answer.breachId);
                        return;
                    }
                    form.reset();
                    if (refresh) {
                        await refresh();
                    }
                    // the outcome where the person is looking, not at the top of a long page
                    const status = document.getElementById('status');
                    if (status) {
                        status.scrollIntoView({block: 'center'});
                    }
                } catch (error) {
                    complain(error, form);
                } finally {
                    button.disabled = false;
                    body.dataset.ready = 'true';
                }
            });
        });
        document.querySelectorAll('form[data-open]').forEach(form => {
            form.addEventListener('submit', event => {
                event.preventDefault();
                window.location.assign(pathOf(form, form.dataset.open));
            });
        });
    }

    // ---- the pages --------------------------------------------------------------------------------

    const requestLink = request => link('/console/requests/' + request.subjectId + '/' + request.requestId,
        request.requestId.substring(0, 8));

    async function requestsPage() {
        const query = new URLSearchParams(window.location.search);
        const params = new URLSearchParams({state: query.get('state') || 'open', size: '200'});
        ['jurisdiction', 'type', 'sort'].forEach(name => {
            if (query.get(name)) {
                params.set(name, query.get(name));
            }
        });
        const requests = await api('GET', '/api/privacy-requests?' + params);
        rows(document.getElementById('queue'), requests, request => [
            requestLink(request), label(request.jurisdiction), label(request.type), label(request.status),
            when(request.receivedAt, request.jurisdiction), request.dueOn || '—', daysLeft(request)
        ], t('requests.none'));
    }

    async function requestPage() {
        const requestId = body.dataset.request;
        const path = '/api/privacy-requests/' + requestId;
        const request = await api('GET', path);
        const j = request.jurisdiction;
        renderStages(request);
        facts(document.getElementById('facts'), [
            [t('fact.law'), label(j)], [t('fact.type'), label(request.type)], [t('fact.madeBy'), label(request.requester)],
            [t('fact.channel'), label(request.channel)], [t('fact.status'), label(request.status)],
            [t('fact.received'), when(request.receivedAt, j)],
            [t('fact.acknowledgeBy'), request.acknowledgeBy], [t('fact.acknowledged'), when(request.acknowledgedAt, j)],
            [t('fact.identityVerified'), when(request.identityVerifiedAt, j)],
            [t('fact.due'), request.dueOn ? (request.clockStopped ? t('fact.due.clockStopped', request.dueOn) : request.dueOn) : null],
            [t('fact.daysLeft'), daysLeft(request)],
            [t('fact.fee'), request.fee ? t('fact.fee.value', request.fee.minorUnits, request.fee.currency,
                request.fee.settlement ? shown(request.fee.settlement) : t('fact.fee.unsettled')) : null],
            [t('fact.extended'), request.extension ? shown(request.extension.reason) : null],
            [t('fact.closed'), when(request.closedAt, j)], [t('fact.denialReason'), request.denialReason ? shown(request.denialReason) : null],
            [t('fact.responseReference'), request.responseReference]
        ]);
        const processors = document.getElementById('request-processors');
        if (request.processors && request.processors.length > 0) {
            processors.hidden = false;
            rows(processors, request.processors, work => [work.processor, shown(work.action),
                when(work.confirmBy, j), work.confirmedAt ? when(work.confirmedAt, j) : (work.overdueSince ? t('days.overdue') : t('value.notYet'))]);
        }
        // only the steps the request takes now, as the platform says
        const steps = request.steps || [];
        document.querySelectorAll('form[data-step]').forEach(form => {
            form.hidden = !steps.includes(form.dataset.step);
        });
        document.getElementById('steps').hidden = !!request.closedAt;
        const certificate = request.certificate;
        document.getElementById('certificate-section').hidden = !certificate;
        body.classList.toggle('has-certificate', !!certificate);
        if (certificate) {
            facts(document.getElementById('certificate'), [
                [t('fact.request'), request.requestId], [t('fact.subject'), request.subjectId], [t('fact.law'), j],
                [t('fact.erased'), list((certificate.erasedClasses || []).map(shown)) || t('value.none')],
                [t('fact.how'), certificate.method],
                [t('fact.keptByHold'), (certificate.withheldClasses || []).length > 0
                    ? t('fact.keptByHold.value', list(certificate.withheldClasses.map(shown)), list(certificate.withheldBy || []))
                    : t('value.nothing')],
                [t('fact.processorsConfirmed'), list(certificate.processorsConfirmed || []) || t('value.noneDirected')],
                [t('fact.completed'), when(certificate.completedAt, j)]
            ]);
        }
        await authorityProof(request);
        await requestNotices(request);
        await requestTrail(request);
    }

    /** A notice's kind, state or failure as people say it (notice.<what>.<code> in the texts). */
    function noticeText(what, code) {
        return texts['notice.' + what + '.' + code] || label(code);
    }

    /** The proof of authority an agent sent from the privacy center, if any; opened on request (the read is logged). */
    async function authorityProof(request) {
        const holder = document.getElementById('authority-proof');
        let proof;
        try {
            proof = await api('GET', '/api/privacy-requests/' + request.requestId + '/authority-proof');
        } catch (error) {
            // none was sent with this request
            holder.hidden = true;
            return;
        }
        const open = el('button', {type: 'button'}, t('proof.open', proof.contentType, Math.max(1, Math.round(proof.sizeBytes / 1024))));
        open.addEventListener('click', async () => {
            const response = await fetch('/api/privacy-requests/' + request.requestId + '/authority-proof/document',
                {credentials: 'same-origin'});
            if (!response.ok) {
                complain(new Problem(response.status, safeJson(await response.text()) || {}));
                return;
            }
            const extension = {'application/pdf': '.pdf', 'image/png': '.png', 'image/jpeg': '.jpg'}[proof.contentType] || '';
            el('a', {href: URL.createObjectURL(await response.blob()), download: 'authority-proof-' + request.requestId + extension})
                .click();
            say(t('proof.opened'));
        });
        holder.replaceChildren(t('proof.label') + ' ', open);
        holder.hidden = false;
    }

    /** The notices owed to the requester and what became of each; an undelivered one can be sent again. */
    async function requestNotices(request) {
        const notices = await api('GET', '/api/request-notices?requestId=' + encodeURIComponent(request.requestId));
        const j = request.jurisdiction;
        rows(document.getElementById('request-notices'), notices, notice => {
            let action = '—';
            if (notice.status === 'UNDELIVERED') {
                action = el('button', {type: 'button'}, t('notices.retry'));
                action.addEventListener('click', async () => {
                    try {
                        await api('POST', '/api/request-notices/' + notice.noticeId + '/retry');
                        say(t('notices.retried'));
                        await requestNotices(request);
                    } catch (error) {
                        complain(error);
                    }
                });
            }
            const status = noticeText('status', notice.status);
            return [noticeText('kind', notice.kind),
                notice.status === 'UNDELIVERED' ? el('strong', {class: 'overdue'}, status) : status,
                String(notice.attempts), notice.sentAt ? when(notice.sentAt, j) : '—',
                notice.failure ? noticeText('failure', notice.failure) : '—', action];
        }, t('notices.none'));
    }

    /** The local mailbox: what was sent while no mail server is configured; a message opens on request (logged). */
    async function mailboxPage() {
        const messages = await api('GET', '/api/mailbox?limit=200');
        rows(document.getElementById('mailbox'), messages, message => {
            const open = el('button', {type: 'button'}, t('mailbox.open', message.messageId));
            open.addEventListener('click', async () => {
                try {
                    const opened = await api('GET', '/api/mailbox/' + encodeURIComponent(message.messageId));
                    facts(document.getElementById('message-facts'), [[t('mailbox.to'), opened.to],
                        [t('mailbox.subject'), opened.title]]);
                    document.getElementById('message-body').textContent = opened.body;
                    const section = document.getElementById('message-section');
                    section.hidden = false;
                    section.setAttribute('lang', opened.language);
                    document.getElementById('message-title').focus();
                } catch (error) {
                    complain(error);
                }
            });
            return [when(message.deliveredAt), noticeText('kind', message.kind), message.language,
                link('/console/subjects/' + message.subjectId, message.subjectId.substring(0, 8)), open];
        }, t('mailbox.none'));
    }

    /**
     * Where a request stands, as a line of stages: received, acknowledged (where the law asks for it),
     * identity verified, in progress, answered (fulfilled or denied). The first stage not reached is the
     * current one.
     */
    function renderStages(request) {
        const j = request.jurisdiction;
        const answered = request.closedAt
            ? (request.status === 'DENIED' ? t('stage.denied') : t('stage.answered')) : t('stage.answered');
        const stages = [
            {name: t('stage.received'), at: request.receivedAt},
            request.acknowledgeBy || request.acknowledgedAt
                ? {name: t('stage.acknowledged'), at: request.acknowledgedAt} : null,
            {name: t('stage.identityVerified'), at: request.identityVerifiedAt},
            {name: t('stage.inProgress'), at: request.identityVerifiedAt && request.status !== 'AWAITING_IDENTITY'
                    ? request.identityVerifiedAt : null, reached: request.status !== 'AWAITING_IDENTITY'},
            {name: answered, at: request.closedAt}
        ].filter(stage => stage !== null);
        const list = document.getElementById('stages');
        list.replaceChildren();
        let found = false;
        stages.forEach(stage => {
            const reached = !!stage.at || stage.reached === true;
            // a closed request's stages not reached were passed over (a denial before verification)
            const state = reached ? 'reached' : (request.closedAt ? 'skipped' : (found ? 'ahead' : 'current'));
            const item = el('li', {'class': state}, stage.name, ' ', el('span', {'class': 'when'},
                state === 'reached' ? (stage.at ? when(stage.at, j) : '') : state === 'skipped' ? t('stage.skipped')
                    : state === 'current' ? t('stage.now') : ''));
            if (state === 'current') {
                item.setAttribute('aria-current', 'step');
                found = true;
            }
            list.append(item);
        });
    }

    /** What an event in a request's trail was, as people say it (trail.<event type> in the texts). */
    function trailLabel(type) {
        return texts['trail.' + type] || label(type.replace(/Event$/, '').replace(/([a-z])([A-Z])/g, '$1_$2'));
    }

    /** The request's trail: its events with who caused each, and its internal notes (the read is logged). */
    async function requestTrail(request) {
        const entries = await api('GET', '/api/audit/subjects/' + request.subjectId + '/events?size=1000&requestId='
            + encodeURIComponent(request.requestId));
        rows(document.getElementById('trail'), entries, entry => [when(entry.timestamp, request.jurisdiction),
            trailLabel(entry.type), entry.principal || t('value.system'),
            entry.type === 'RequestNoteAddedEvent' && entry.payload ? String(entry.payload.text) : ''], t('trail.none'));
    }

    /** Hands a file to the browser's downloads, under the name given. */
    function save(blob, name) {
        const url = URL.createObjectURL(blob);
        const file = el('a', {href: url, download: name});
        document.body.append(file);
        file.click();
        file.remove();
        URL.revokeObjectURL(url);
    }

    /** The access report as the subject's document, downloaded as a file (the platform logs the download). */
    async function downloadAnswer(subjectId) {
        const lang = document.getElementById('answer-language').value;
        const response = await fetch('/api/subjects/' + subjectId + '/access-report/document'
            + (lang ? '?lang=' + encodeURIComponent(lang) : ''), {headers: {'Accept': 'text/html'}, credentials: 'same-origin'});
        if (!response.ok) {
            throw new Problem(response.status, safeJson(await response.text()));
        }
        const disposition = response.headers.get('Content-Disposition') || '';
        const named = /filename="?([^";]+)"?/.exec(disposition);
        save(await response.blob(), named ? named[1] : 'access-report.html');
        say(t('status.answerDownloaded', response.headers.get('Content-Language') || 'en'));
    }

    /**
     * What the subject provided, as the portable package the law owes (GDPR Art. 20): every page of the
     * export joined into one file, downloaded; each page's read is logged by the platform.
     */
    async function downloadPortability(subjectId) {
        const base = '/api/subjects/' + subjectId + '/portability-export';
        const first = await api('GET', base + '?page=0');
        for (let page = 1; page < first.pages; page++) {
            const part = await api('GET', base + '?page=' + page + '&asOf=' + encodeURIComponent(first.asOf));
            Object.keys(part).filter(key => Array.isArray(part[key]) && Array.isArray(first[key]))
                .forEach(key => first[key].push(...part[key]));
        }
        delete first.page;
        delete first.pages;
        save(new Blob([JSON.stringify(first, null, 2)], {type: 'application/json'}), 'portability-' + subjectId + '.json');
        say(t('status.portabilityDownloaded'));
    }

    async function subjectPage() {
        const subjectId = body.dataset.subject;
        const base = '/api/subjects/' + subjectId;
        const portability = document.getElementById('portability-download');
        if (portability && !portability.dataset.wired) {
            portability.dataset.wired = 'true';
            portability.addEventListener('click', async () => {
                body.dataset.ready = 'false';
                try {
                    await downloadPortability(subjectId);
                } catch (error) {
                    complain(error);
                } finally {
                    body.dataset.ready = 'true';
                }
            });
        }
        const answer = document.getElementById('answer-document');
        if (answer && !answer.dataset.wired) {
            answer.dataset.wired = 'true';
            answer.addEventListener('submit', async event => {
                event.preventDefault();
                body.dataset.ready = 'false';
                try {
                    await downloadAnswer(subjectId);
                } catch (error) {
                    complain(error, answer);
                } finally {
                    body.dataset.ready = 'true';
                }
            });
        }
        const subject = await api('GET', base);
        const j = subject.jurisdiction;
        // a retention exception only where the platform says one can be recorded (a terminated Taiwan account)
        document.getElementById('record-exception').hidden = !subject.retentionExceptionApplies;
        facts(document.getElementById('summary'), [
            [t('fact.name'), subject.name], [t('fact.email'), subject.email], [t('fact.law'), label(j)],
            [t('fact.status'), label(subject.status)],
            [t('fact.registered'), when(subject.registeredAt, j)], [t('fact.terminated'), when(subject.terminatedAt, j)],
            [t('fact.terminationReason'), subject.terminationReason ? label(subject.terminationReason) : null],
            [t('fact.purchases'), String(subject.purchaseCount)],
            [t('fact.lastActivity'), when(subject.lastActivityAt, j)],
            [t('fact.erasedClasses'), list((subject.erasedClasses || []).map(code => label(code))) || t('value.none')]
        ]);
        const requests = await api('GET', '/api/privacy-requests?state=all&size=500&subjectId=' + subjectId);
        rows(document.getElementById('subject-requests'), requests, request => [requestLink(request), label(request.type),
            label(request.status), when(request.receivedAt, j), request.dueOn || '—'], t('requests.none'));
        const report = await wholeReport(base);
        renderReport(document.getElementById('report'), report, j);
        try {
            const evidence = await wholeEvidence(base);
            renderEvidence(document.getElementById('evidence'), evidence, j);
        } catch (error) {
            if (error.status !== 404) {
                throw error;
            }
            document.getElementById('evidence').replaceChildren(el('p', {}, t('evidence.none')));
        }
        // the holds and exceptions: only their events, read by the platform from the whole history
        renderHolds(await subjectHistory(subjectId, HOLD_EVENTS), j);
        // the history itself a page at a time (a long life has many thousand events): the latest page first
        await showSubjectHistory(subjectId, j, null);
    }

    /** The whole access report: its pages' lists joined, each category's pieces with its own. */
    async function wholeReport(base) {
        const report = await api('GET', base + '/access-report?page=0');
        for (let page = 1; page < report.pages; page++) {
            // every page as of the first one's moment, so that no piece moves between pages
            const part = await api('GET', base + '/access-report?page=' + page + '&asOf=' + encodeURIComponent(report.asOf));
            ['usagePeriodsErased', 'sources', 'thirdParties', 'receivedFrom', 'sensitiveInformation']
                .forEach(list => report[list].push(...part[list]));
            part.categories.forEach(category => {
                const same = report.categories.find(known => known.category === category.category);
                if (same) {
                    same.pieces.push(...category.pieces);
                } else {
                    report.categories.push(category);
                }
            });
        }
        return report;
    }

    /** The whole deletion evidence: its pages of usage periods joined. */
    async function wholeEvidence(base) {
        const evidence = await api('GET', base + '/deletion-evidence?page=0');
        for (let page = 1; page < evidence.pages; page++) {
            evidence.usagePeriods.push(...(await api('GET', base + '/deletion-evidence?page=' + page)).usagePeriods);
        }
        return evidence;
    }

    /** A subject's whole history, read a page (of at most 1,000 events) at a time. */
    /** The events a subject page needs for its holds and retention exceptions. */
    const HOLD_EVENTS = {type: ['LegalHoldPlacedEvent', 'LegalHoldReleasedEvent', 'RetentionExceptionRecordedEvent']};

    /** A subject's events, those the filter asks for ({type: [...], from, until}: the platform filters), every page. */
    async function subjectHistory(subjectId, filter) {
        const events = [];
        for (let page = 0; ; page++) {
            const params = new URLSearchParams({size: '1000', page: String(page)});
            ((filter || {}).type || []).forEach(type => params.append('type', type));
            if ((filter || {}).from) {
                params.set('from', filter.from);
            }
            if ((filter || {}).until) {
                params.set('until', filter.until);
            }
            const part = await api('GET', '/api/audit/subjects/' + encodeURIComponent(subjectId) + '/events?' + params);
            events.push(...part);
            if (part.length < 1000) {
                return events;
            }
        }
    }

    /** One page of the subject's history in its table, the latest when none is named, with a pager. */
    async function showSubjectHistory(subjectId, j, page) {
        const size = 200;
        let shownPage = page;
        let entries = await api('GET', '/api/audit/subjects/' + encodeURIComponent(subjectId) + '/events?size=' + size
            + '&page=' + (shownPage === null ? 0 : shownPage));
        const total = Number(lastTotal || entries.length);
        const pages = Math.max(1, Math.ceil(total / size));
        if (shownPage === null && pages > 1) {
            shownPage = pages - 1;
            entries = await api('GET', '/api/audit/subjects/' + encodeURIComponent(subjectId) + '/events?size=' + size
                + '&page=' + shownPage);
        }
        shownPage = shownPage === null ? 0 : shownPage;
        rows(document.getElementById('history'), entries, entry => [String(entry.sequence),
            when(entry.timestamp, j), entry.type, entry.principal || t('value.system')]);
        const nav = document.getElementById('history-pages');
        if (nav) {
            nav.replaceChildren();
            if (pages > 1) {
                const go = (target, text) => {
                    const button = el('button', {type: 'button'}, text);
                    button.addEventListener('click', () => showSubjectHistory(subjectId, j, target).catch(complain));
                    return button;
                };
                nav.append(el('span', {}, t('history.pageOf', shownPage + 1, pages, total)), ' ');
                if (shownPage > 0) {
                    nav.append(go(shownPage - 1, t('history.earlier')), ' ');
                }
                if (shownPage < pages - 1) {
                    nav.append(go(shownPage + 1, t('history.later')));
                }
            }
        }
    }

    function renderReport(container, report, j) {
        const shownParts = [el('p', {}, parts('report.asOf', when(report.asOf, j),
            report.collectedSince ? parts('report.collectedSince', when(report.collectedSince, j)) : t('report.allRetained'),
            report.basis || '—'))];
        (report.categories || []).forEach(category => {
            const pieces = category.pieces || [];
            const listed = el('ul', {}, pieces.slice(0, 50).map(piece => el('li', {}, parts('report.piece', piece.field,
                typeof piece.value === 'object' ? JSON.stringify(piece.value) : String(piece.value),
                when(piece.collectedAt, j), piece.source))));
            const more = category.piecesTotal > Math.min(pieces.length, 50)
                ? el('p', {}, t('report.showing', Math.min(pieces.length, 50), category.piecesTotal)) : null;
            const name = texts['category.' + category.category] || category.name;
            shownParts.push(el('details', {}, el('summary', {}, t('report.category', category.category, name, category.piecesTotal)),
                listed, more));
        });
        shownParts.push(el('p', {}, t('report.optOut', report.optedOutOfSaleSharing ? t('value.yes') : t('value.no'),
            list(report.limitsInForce || []) || t('value.none'))));
        container.replaceChildren(...shownParts);
    }

    function renderEvidence(container, evidence, j) {
        const table = el('table', {class: 'data'}, el('caption', {}, t('evidence.caption')),
            el('thead', {}, el('tr', {}, ['evidence.class', 'evidence.outcome', 'evidence.decided', 'evidence.reason',
                'evidence.reference', 'evidence.reviewBy'].map(head => el('th', {scope: 'col'}, t(head))))), el('tbody'));
        rows(table, evidence.classes, outcome => [shown(outcome.retentionClass), shown(outcome.state), when(outcome.decidedAt, j),
            shown(outcome.reason), outcome.reference || '—', outcome.reviewBy || '—']);
        container.replaceChildren(table);
    }

    /** Holds in force and exceptions recorded, as the subject's history tells them. */
    function renderHolds(history, j) {
        const holds = new Map();
        const exceptions = [];
        history.forEach(entry => {
            const payload = entry.payload || {};
            if (entry.type === 'LegalHoldPlacedEvent') {
                holds.set(payload.holdId, {hold: payload, at: entry.timestamp});
            } else if (entry.type === 'LegalHoldReleasedEvent') {
                holds.delete(payload.holdId);
            } else if (entry.type === 'RetentionExceptionRecordedEvent') {
                exceptions.push(payload);
            }
        });
        const subjectId = body.dataset.subject;
        rows(document.getElementById('holds'), [...holds.values()], ({hold, at}) => {
            const release = el('button', {type: 'button'}, t('holds.release', hold.holdId));
            release.addEventListener('click', async () => {
                if (!window.confirm(t('holds.release.confirm', hold.holdId))) {
                    return;
                }
                try {
                    await api('DELETE', '/api/subjects/' + subjectId + '/legal-holds/' + encodeURIComponent(hold.holdId));
                    say(t('holds.released', hold.holdId));
                    await subjectPage();
                } catch (error) {
                    complain(error);
                }
            });
            return [hold.holdId, list((hold.retentionClasses || []).map(shown)), hold.caseReference, when(at, j), release];
        }, t('holds.none'));
        rows(document.getElementById('exceptions'), exceptions, exception => [list((exception.retentionClasses || []).map(shown)),
            shown(exception.ground), exception.justificationReference, exception.reviewBy], t('exceptions.none'));
    }

    const subjectRow = subject => [link('/console/subjects/' + subject.subjectId, subject.name || subject.subjectId),
        label(subject.jurisdiction), label(subject.status), when(subject.registeredAt, subject.jurisdiction)];

    async function subjectsPage() {
        const search = document.getElementById('find-by-email');
        search.addEventListener('submit', async event => {
            event.preventDefault();
            body.dataset.ready = 'false';
            const results = document.getElementById('email-results');
            try {
                const found = await api('POST', '/api/subject-searches', {email: search.elements.email.value.trim()});
                clearFieldErrors(search);
                results.hidden = false;
                rows(results, found, subjectRow, t('subjects.found.none'));
                say(found.length === 1 ? t('subjects.found.one') : t('subjects.found.many', found.length));
            } catch (error) {
                results.hidden = true;
                complain(error, search);
            } finally {
                body.dataset.ready = 'true';
            }
        });
        const query = new URLSearchParams(window.location.search);
        const number = Math.max(0, parseInt(query.get('page') || '0', 10) || 0);
        const params = new URLSearchParams({size: '100', page: String(number)});
        ['jurisdiction', 'status', 'sort'].filter(name => query.get(name)).forEach(name => params.set(name, query.get(name)));
        const page = await api('GET', '/api/subjects?' + params);
        rows(document.getElementById('subject-list'), page.items, subjectRow, t('subjects.none'));
        pager(document.getElementById('subject-pager'), query, number, Math.ceil(page.totalItems / page.size));
    }

    /** Links to the previous and next pages of a list, keeping its filters; nothing for a list of one page. */
    function pager(nav, query, number, pages) {
        nav.replaceChildren();
        // shown on a page past the end too (an old link, a list that shrank), with the way back
        nav.hidden = pages <= 1 && number === 0;
        const to = target => {
            const next = new URLSearchParams(query);
            next.set('page', String(target));
            return window.location.pathname + '?' + next;
        };
        if (number > 0) {
            nav.append(link(to(Math.max(0, Math.min(number - 1, pages - 1))), t('pager.previous')), ' ');
        }
        nav.append(el('span', {}, t('pager.page', number + 1, Math.max(1, pages))));
        if (number + 1 < pages) {
            nav.append(' ', link(to(number + 1), t('pager.next')));
        }
    }

    async function breachesPage() {
        const breaches = await api('GET', '/api/breaches?state=all');
        rows(document.getElementById('breach-list'), breaches, breach => [
            link('/console/breaches/' + breach.breachId, breach.breachId.substring(0, 8)), when(breach.awareAt),
            label(breach.status), breach.risk ? label(breach.risk) : t('value.notAssessed'), breach.affected, when(breach.nextDueAt),
            breach.closedAt ? t('days.closed') : timeLeft(breach.nextDueAt, (breach.duties || []).some(duty => duty.overdue))
        ], t('breaches.none'));
    }

    async function breachPage() {
        const breach = await api('GET', '/api/breaches/' + body.dataset.breach);
        facts(document.getElementById('facts'), [
            [t('fact.status'), label(breach.status)], [t('fact.aware'), when(breach.awareAt)],
            [t('fact.reported'), when(breach.reportedAt)],
            [t('fact.risk'), breach.risk ? label(breach.risk) : t('value.notAssessed')], [t('fact.affected'), breach.affected],
            [t('fact.categories'), list(breach.categories || [])], [t('fact.sensitive'), yesNo(breach.sensitive)],
            [t('fact.financialDamageRisk'), yesNo(breach.financialDamageRisk)],
            [t('fact.malicious'), yesNo(breach.malicious)],
            [t('fact.encryptedKeySafe'), yesNo(breach.encryptedKeySafe)],
            [t('fact.summaryReference'), breach.summaryReference], [t('fact.clarified'), when(breach.clarifiedAt)],
            [t('fact.closed'), when(breach.closedAt)]
        ]);
        const duties = breach.duties || [];
        rows(document.getElementById('duties'), duties, duty => [t('duty.named', shown(duty.kind),
            t('code.shown', duty.basis, texts['basis.' + duty.kind] || duty.basis)), duty.jurisdiction,
            shown(duty.recipient), when(duty.dueAt, duty.jurisdiction),
            duty.sentAt || duty.state !== 'OPEN' ? '—' : timeLeft(duty.dueAt, duty.overdue), shown(duty.state),
            duty.sentAt ? parts('duty.sent', when(duty.sentAt, duty.jurisdiction), duty.reference) : '—'], t('duties.none'));
        const select = document.getElementById('dutyId');
        select.replaceChildren(...duties.filter(duty => !duty.sentAt).map(duty =>
            el('option', {value: duty.dutyId}, t('duty.option', duty.jurisdiction, shown(duty.recipient), shown(duty.kind)))));
        document.getElementById('breach-steps').hidden = !!breach.closedAt;
        await breachMailings(breach);
    }

    /**
     * The breach's mailings to the people affected, with what became of their notices, and the duties
     * still to mail: an open individuals' duty without a mailing.
     */
    async function breachMailings(breach) {
        const mailings = await api('GET', '/api/breaches/' + breach.breachId + '/mailings');
        const mailed = new Set(mailings.map(mailing => mailing.dutyId));
        rows(document.getElementById('mailings'), mailings, mailing => {
            let action = '—';
            if (mailing.undelivered > 0) {
                action = el('button', {type: 'button'}, t('mailing.retry'));
                action.addEventListener('click', async () => {
                    try {
                        await api('POST', '/api/breaches/' + breach.breachId + '/mailings/' + encodeURIComponent(mailing.dutyId) + '/retry');
                        say(t('mailing.retried'));
                        await breachMailings(breach);
                    } catch (error) {
                        complain(error);
                    }
                });
            }
            const status = texts['mailing.status.' + mailing.status] || label(mailing.status);
            return [shown(mailing.kind), mailing.language,
                mailing.status === 'UNREACHED' ? el('strong', {class: 'overdue'}, status) : status,
                String(mailing.sent), mailing.undelivered > 0 ? el('strong', {class: 'overdue'}, String(mailing.undelivered))
                    : String(mailing.undelivered), String(mailing.notConcerned), String(mailing.pending), action];
        }, t('mailing.none'));
        const toMail = (breach.duties || []).filter(duty => duty.state === 'OPEN' && duty.recipient === 'INDIVIDUALS'
            && !mailed.has(duty.dutyId));
        const select = document.getElementById('mailing-duty');
        select.replaceChildren(...toMail.map(duty =>
            el('option', {value: duty.dutyId}, t('duty.option', duty.jurisdiction, shown(duty.recipient), shown(duty.kind)))));
        document.getElementById('mailing-form').hidden = toMail.length === 0 || breach.affectedSubjects === 0;
        document.getElementById('mailing-no-subjects').hidden = toMail.length === 0 || breach.affectedSubjects > 0;
    }

    /** Every notice template as each law's people receive it, one law at a time or all. */
    async function noticeTemplatesPage() {
        const samples = await api('GET', '/api/notice-templates');
        const laws = [...new Set(samples.map(sample => sample.jurisdiction))];
        const select = document.getElementById('template-law');
        select.replaceChildren(el('option', {value: ''}, t('templates.all')),
            ...laws.map(law => el('option', {value: law}, label(law))));
        const render = () => {
            const chosen = select.value;
            document.getElementById('templates').replaceChildren(...samples
                .filter(sample => chosen === '' || sample.jurisdiction === chosen)
                .map(sample => el('section', {lang: sample.language, 'aria-label': noticeText('kind', sample.kind) + ' · ' + label(sample.jurisdiction)},
                    el('h2', {lang: document.documentElement.lang}, noticeText('kind', sample.kind) + ' · ' + label(sample.jurisdiction)
                        + ' (' + sample.language + ')'),
                    el('p', {}, el('strong', {lang: document.documentElement.lang}, t('templates.subjectLine') + ': '), sample.title),
                    el('pre', {class: 'message'}, sample.body))));
        };
        select.addEventListener('change', render);
        render();
    }

    async function processorsPage() {
        const [deletions, corrections] = await Promise.all([api('GET', '/api/processor-deletions'),
            api('GET', '/api/processor-corrections')]);
        const work = [...deletions, ...corrections].sort((a, b) => String(a.confirmBy).localeCompare(String(b.confirmBy)));
        // each item's times in its request's law's zone, as the request page shows them
        rows(document.getElementById('processor-work'), work, item => [item.processor, shown(item.action),
            link('/console/requests/' + item.subjectId + '/' + item.requestId, item.requestId.substring(0, 8)),
            label(item.jurisdiction), when(item.requestedAt, item.jurisdiction), when(item.confirmBy, item.jurisdiction),
            item.overdueSince ? el('strong', {class: 'overdue'}, t('days.overdue'))
                : timeLeft(item.confirmBy, false)], t('processors.none'));
    }

    async function adminPage() {
        const vault = await api('GET', '/api/admin/key-vault');
        facts(document.getElementById('vault'), [
            [t('fact.currentKek'), vault.currentKek],
            [t('fact.keysByKek'), list(Object.entries(vault.keysByKek || {}).map(([kek, count]) => t('fact.keysByKek.value', kek, count)))],
            [t('fact.separateVault'), yesNo(vault.vault && vault.vault.separateDatabase)],
            [t('fact.keysDestroyed'), vault.vault ? String(vault.vault.ledgerEntries) : null],
            [t('fact.destructionsPending'), vault.vault ? String(vault.vault.pendingShreddings) : null]
        ]);
        const processors = await api('GET', '/api/admin/processors');
        rows(document.getElementById('event-processors'), processors, processor => [processor.name,
            t(processor.segmentsInError > 0 ? 'processing.inError' : processor.replaying ? 'processing.replaying'
                : processor.caughtUp ? 'processing.caughtUp' : 'processing.behind'),
            processor.behind === null || processor.behind === undefined ? '—' : t('processing.eventsBehind', processor.behind)]);
        const queues = await api('GET', '/api/admin/dead-letters');
        rows(document.getElementById('dead-letters'), queues, queue => {
            const retry = el('button', {type: 'button'}, t('dead.retry', queue.processingGroup));
            retry.addEventListener('click', async () => {
                try {
                    const retried = await api('POST', '/api/admin/dead-letters/' + encodeURIComponent(queue.processingGroup) + '/retry');
                    say(t('dead.released', retried.released, queue.processingGroup, retried.stillParked));
                    await adminPage();
                } catch (error) {
                    complain(error);
                }
            });
            return [queue.processingGroup, String(queue.sequences), String(queue.letters), retry];
        }, t('dead.none'));
    }

    // ---- the auditor's view -----------------------------------------------------------------------

    const SVG = 'http://www.w3.org/2000/svg';

    function svg(tag, attributes, ...children) {
        const node = document.createElementNS(SVG, tag);
        Object.entries(attributes || {}).forEach(([name, value]) => node.setAttribute(name, String(value)));
        children.forEach(child => node.append(child instanceof Node ? child : document.createTextNode(String(child))));
        return node;
    }

    /**
     * A bar chart drawn here, without a charting library: per request type, what was received, complied
     * with and denied, each bar labelled with its number; its text alternative is the table below it.
     */
    function metricsChart(container, types) {
        if (types.length === 0) {
            container.replaceChildren(el('p', {}, t('chart.noRequests')));
            return;
        }
        const series = [['received', t('chart.received'), 'bar-received'],
            ['compliedInWholeOrPart', t('chart.complied'), 'bar-complied'], ['denied', t('chart.denied'), 'bar-denied']];
        const most = Math.max(1, ...types.flatMap(type => series.map(([field]) => type[field])));
        const label = 220, width = 420, bar = 14, gap = 4, group = series.length * (bar + gap) + 14;
        const height = types.length * group + 30;
        const chart = svg('svg', {viewBox: '0 0 ' + (label + width + 60) + ' ' + height, role: 'img',
            'aria-labelledby': 'metrics-chart-title', class: 'bars'});
        types.forEach((type, row) => {
            const top = row * group;
            chart.append(svg('text', {x: 0, y: top + bar + 2, class: 'bar-label'}, shown(type.type)));
            series.forEach(([field, name, style], index) => {
                const y = top + index * (bar + gap);
                const length = Math.round(width * type[field] / most);
                chart.append(svg('rect', {x: label, y: y, width: Math.max(length, 1), height: bar, class: style},
                    svg('title', {}, t('chart.title', name, type[field]))));
                chart.append(svg('text', {x: label + length + 6, y: y + bar - 3, class: 'bar-value'}, t('chart.value', name, type[field])));
            });
        });
        container.replaceChildren(chart);
    }

    /** Stacked bars, one per law, each window its own colour, with the numbers written beside them. */
    function windowsChart(container, laws) {
        if (laws.length === 0) {
            container.replaceChildren(el('p', {}, t('overview.none')));
            return;
        }
        const windows = [['overdue', t('window.overdue'), 'bar-denied'], ['dueIn7Days', t('window.in7'), 'bar-soon'],
            ['dueIn30Days', t('window.in30'), 'bar-received'], ['later', t('window.later'), 'bar-later'],
            ['clockStopped', t('window.waiting'), 'bar-waiting']];
        const most = Math.max(1, ...laws.map(law => law.open));
        const label = 80, width = 480, bar = 20, gap = 16;
        const chart = svg('svg', {viewBox: '0 0 ' + (label + width + 20) + ' ' + (laws.length * (bar + gap) + 10), role: 'img',
            'aria-labelledby': 'open-chart-title', class: 'bars'});
        laws.forEach((law, row) => {
            const y = row * (bar + gap);
            chart.append(svg('text', {x: 0, y: y + bar - 5, class: 'bar-label'}, law.jurisdiction + ' (' + law.open + ')'));
            let x = label;
            windows.forEach(([field, name, style]) => {
                const length = Math.round(width * law[field] / most);
                if (law[field] > 0) {
                    chart.append(svg('rect', {x: x, y: y, width: Math.max(length, 2), height: bar, class: style},
                        svg('title', {}, t('chart.window', law.jurisdiction, name, law[field]))));
                }
                x += length;
            });
        });
        container.replaceChildren(chart, el('p', {class: 'legend'}, windows.map(([, name, style]) =>
            el('span', {class: 'key ' + style}, name))));
    }

    async function overviewPage() {
        const overview = await api('GET', '/api/privacy-requests/overview');
        windowsChart(document.getElementById('open-chart'), overview.laws);
        rows(document.getElementById('open-requests'), overview.laws, law => [law.jurisdiction, String(law.open),
            law.overdue > 0 ? el('strong', {class: 'overdue'}, String(law.overdue)) : '0', String(law.dueIn7Days),
            String(law.dueIn30Days), String(law.later), String(law.clockStopped)], t('overview.none'));
        const breaches = await api('GET', '/api/breaches?state=open');
        const duties = breaches.flatMap(breach => (breach.duties || []).filter(duty => duty.state === 'OPEN')
            .map(duty => ({breach: breach, duty: duty})))
            .sort((a, b) => (a.duty.dueAt || '9999').localeCompare(b.duty.dueAt || '9999'));
        rows(document.getElementById('open-duties'), duties, ({breach, duty}) => [
            link('/console/breaches/' + breach.breachId, breach.breachId.substring(0, 8)), shown(duty.kind), duty.jurisdiction,
            when(duty.dueAt, duty.jurisdiction), timeLeft(duty.dueAt, duty.overdue)], t('overview.noDuty'));
        facts(document.getElementById('processor-facts'), [
            [t('fact.processorWork'), String(overview.processorWork)],
            [t('fact.processorsLate'), overview.processorsLate > 0 ? el('strong', {class: 'overdue'}, String(overview.processorsLate)) : '0']
        ]);
    }

    async function auditPage() {
        const year = () => document.getElementById('metrics-year').value;
        const law = () => document.getElementById('metrics-law').value;
        const metricsPath = () => '/api/request-metrics?year=' + encodeURIComponent(year()) + '&jurisdiction=' + encodeURIComponent(law());

        async function showMetrics() {
            const metrics = await api('GET', metricsPath());
            document.getElementById('metrics-basis').textContent = metrics.basis;
            rows(document.getElementById('metrics'), metrics.requestTypes, type => [shown(type.type), String(type.received),
                String(type.compliedInWholeOrPart), String(type.denied), String(type.open),
                type.medianDays === null ? '—' : String(type.medianDays), type.meanDays === null ? '—' : String(type.meanDays)]);
            metricsChart(document.getElementById('metrics-chart'), metrics.requestTypes.filter(type => type.received > 0));
        }

        async function downloadCsv() {
            const response = await fetch(metricsPath(), {headers: {'Accept': 'text/csv'}, credentials: 'same-origin'});
            if (!response.ok) {
                throw new Problem(response.status, safeJson(await response.text()));
            }
            save(await response.blob(), 'request-metrics-' + year() + '-' + law() + '.csv');
            say(t('status.metricsDownloaded', year(), law()));
        }

        // the history: a page of the global history, or one subject's; type and time narrow what is shown
        let historyAfter = -1;

        async function showHistory(more) {
            const subject = document.getElementById('history-subject').value.trim();
            const type = document.getElementById('history-type').value.trim().toLowerCase();
            const from = document.getElementById('history-from').value;
            const until = document.getElementById('history-until').value;
            let events;
            let next = null;
            if (subject) {
                // the platform narrows a subject's history by time; the type is matched on its words here
                events = await subjectHistory(subject, {from: from ? new Date(from).toISOString() : null,
                    until: until ? new Date(until).toISOString() : null});
            } else {
                const page = await api('GET', '/api/audit/events?size=100&after=' + (more ? historyAfter : -1));
                events = page.events;
                next = page.nextAfter;
            }
            const matching = events.filter(entry => (!type || entry.type.toLowerCase().includes(type))
                && (!from || new Date(entry.timestamp) >= new Date(from))
                && (!until || new Date(entry.timestamp) <= new Date(until)));
            rows(document.getElementById('audit-history'), matching, entry => [
                String(entry.position === null ? entry.sequence : entry.position), when(entry.timestamp), entry.type,
                entry.subjectId || '—', entry.principal || t('value.system')], t('history.none'));
            document.getElementById('history-note').textContent = (type || from || until)
                ? t(subject ? 'history.matchSubject' : 'history.matchPage', matching.length, events.length)
                : '';
            historyAfter = next === null ? historyAfter : next;
            document.getElementById('history-next').hidden = next === null;
        }

        // the access log in order, a hundred entries a page
        let accessAfter = null;

        async function showAccess(more) {
            const subject = document.getElementById('access-subject').value.trim();
            // newest first: an auditor looks at what happened lately, and pages back from there
            const params = new URLSearchParams({size: '100', before: more && accessAfter !== null ? String(accessAfter)
                    : '9223372036854775807'});
            if (subject) {
                params.set('subjectId', subject);
            }
            const entries = await api('GET', '/api/audit/access-log?' + params);
            rows(document.getElementById('access-log'), entries, entry => [when(entry.accessedAt), entry.principal,
                entry.view, entry.subjectId || '—'], t('access.none'));
            accessAfter = entries.length > 0 ? entries[entries.length - 1].id : null;
            document.getElementById('access-next').hidden = entries.length < 100;
        }

        const handle = action => async event => {
            if (event) {
                event.preventDefault();
            }
            try {
                body.dataset.ready = 'false';
                await action();
            } catch (error) {
                complain(error);
            } finally {
                body.dataset.ready = 'true';
            }
        };
        document.getElementById('metrics-filter').addEventListener('submit', handle(showMetrics));
        document.getElementById('metrics-csv').addEventListener('click', handle(downloadCsv));
        document.getElementById('history-filter').addEventListener('submit', handle(() => showHistory(false)));
        document.getElementById('history-next').addEventListener('click', handle(() => showHistory(true)));
        document.getElementById('access-filter').addEventListener('submit', handle(() => showAccess(false)));
        document.getElementById('access-next').addEventListener('click', handle(() => showAccess(true)));
        // the history discloses personal data, so it is read when asked for, not on opening the page
        await showMetrics();
        await showAccess(false);
    }

    const pages = {
        'requests': requestsPage, 'request': requestPage, 'request-new': null, 'subjects': subjectsPage,
        'subject': subjectPage, 'breaches': breachesPage, 'breach': breachPage, 'processors': processorsPage,
        'admin': adminPage, 'audit': auditPage, 'overview': overviewPage, 'mailbox': mailboxPage,
        'notice-templates': noticeTemplatesPage
    };

    function wirePrinting() {
        const print = document.getElementById('print-certificate');
        if (print) {
            print.addEventListener('click', () => window.print());
        }
    }

    async function start() {
        wirePrinting();
        if (sessionStorage.getItem('lethe-replayed')) {
            sessionStorage.removeItem('lethe-replayed');
            say(t('status.replayed'));
        }
        const page = pages[body.dataset.page];
        wireForms(page);
        if (page) {
            try {
                await page();
            } catch (error) {
                complain(error);
            }
        }
        body.dataset.ready = 'true';
    }

    document.addEventListener('DOMContentLoaded', start);
})();
