#!/usr/bin/env python3
"""Drives every operation of docs/openapi.json, answered and refused, against a running platform
(usually through the Prism validating proxy, see check.sh) and counts the answers Prism flags.

    python3 bench/contract/drive.py http://localhost:4010 [http://localhost:8080]

Uses the embedded default's demo users, each with a token from the platform's token endpoint (the
second address; the token endpoint is OAuth2's, not an operation of the description). Prints one line per request and, at the end, the operations
of the description it never called and the answers Prism found to break the description (its
`sl-violations` header, located in the response), and the requests it found wrong: the refused
requests this script sends on purpose (missing fields, a card number) are wrong by design. Exits
non-zero when an operation was not called, an answer broke the description, or a status was not
the one expected.
"""
import datetime
import json
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
import zoneinfo

BASE = sys.argv[1].rstrip('/') if len(sys.argv) > 1 else 'http://localhost:4010'
PLATFORM = sys.argv[2].rstrip('/') if len(sys.argv) > 2 else 'http://localhost:8080'
SPEC = json.load(open(__file__.rsplit('/', 3)[0] + '/docs/openapi.json'))
USERS = {'service': 'lethe-service', 'staff': 'lethe-staff', 'auditor': 'lethe-auditor', 'admin': 'lethe-admin',
         'email-delivery': 'lethe-processor'}
NOW = datetime.datetime.now(datetime.timezone.utc)
called, violations, wrong_requests, unexpected, requests = set(), [], [], [], 0


tokens = {}


def token(user):
    """A demo user's token (client credentials), kept until a minute before it expires; none for others."""
    if user not in USERS:
        return None
    kept = tokens.get(user)
    if kept and kept[1] > time.time():
        return kept[0]
    form = urllib.parse.urlencode({'grant_type': 'client_credentials', 'client_id': user, 'client_secret': USERS[user]})
    request = urllib.request.Request(PLATFORM + '/oauth2/token', data=form.encode(), method='POST')
    request.add_header('Content-Type', 'application/x-www-form-urlencoded')
    with urllib.request.urlopen(request) as response:
        answer = json.loads(response.read().decode())
    tokens[user] = (answer['access_token'], time.time() + answer['expires_in'] - 60)
    return answer['access_token']


def template(path):
    """The description's path that a concrete path matches."""
    for candidate in SPEC['paths']:
        if re.fullmatch(re.sub(r'\{[^}]+}', '[^/]+', candidate), path.split('?')[0]):
            return candidate
    return None


def call(method, path, user='service', body=None, expect=None, headers=None, accept='application/json', settle=False,
         raw=None, content_type='application/json'):
    """One request; with settle, a read is repeated (10 s at most) until a projection has caught up to expect."""
    for _ in range(40 if settle else 0):
        answer = send(method, path, user, body, None, headers, accept, raw, content_type, quiet=True)
        if answer[0] == expect:
            break
        time.sleep(0.25)
    return send(method, path, user, body, expect, headers, accept, raw, content_type)[1]


def send(method, path, user, body, expect, headers, accept, raw=None, content_type='application/json', quiet=False):
    global requests
    requests += 1
    data = raw if raw is not None else None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(BASE + path, data=data, method=method)
    if token(user):
        request.add_header('Authorization', 'Bearer ' + token(user))
    request.add_header('Accept', accept)
    if method in ('POST', 'PUT', 'DELETE'):
        request.add_header('Content-Type', content_type)
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request) as response:
            status, text, answer_headers = response.status, response.read().decode(), response.headers
    except urllib.error.HTTPError as error:
        status, text, answer_headers = error.code, error.read().decode(), error.headers
    found = template(path)
    if found:
        called.add((method.lower(), found))
    flagged = json.loads(answer_headers.get('sl-violations') or '[]')
    for violation in flagged:
        (violations if violation['location'][0] == 'response' else wrong_requests).append(
            (method, path, status, violation['message']))
    if not quiet:
        print(f'{status} {method} {path}' + (f'  ({len(flagged)} flagged)' if flagged else ''))
    if expect is not None and status != expect:
        unexpected.append((method, path, status, expect))
        print(f'   expected {expect}: {text[:300]}')
    try:
        return status, json.loads(text) if text and 'json' in (answer_headers.get('Content-Type') or '') else text
    except ValueError:
        return status, text


def iso(moment):
    return moment.strftime('%Y-%m-%dT%H:%M:%SZ')


# --- a product service's subject, through its life -------------------------------------------------------------
call('GET', '/api/subjects', user='nobody', expect=401)
subject = call('POST', '/api/subjects', body={'jurisdiction': 'US-CA', 'name': 'Casey Rivera', 'dateOfBirth': '1988-07-14',
               'postalAddress': '500 Castro St, Mountain View', 'email': 'casey@example.com',
               'bankAccountNumber': 'DE89370400440532013000'}, expect=201, headers={'Idempotency-Key': str(uuid.uuid4())})['subjectId']
call('POST', '/api/subjects', body={}, expect=400)
call('POST', '/api/subjects', user='staff', body={'jurisdiction': 'JP'}, expect=403)
call('POST', f'/api/subjects/{subject}/social-logins', body={'provider': 'google', 'externalId': 'g-1029', 'username': 'casey.r'}, expect=201)
call('POST', f'/api/subjects/{subject}/social-logins', body={'provider': 'google', 'externalId': 'g-1029'}, expect=409)
call('POST', f'/api/subjects/{subject}/purchases', body={'item': 'Event ticket', 'amount': {'currency': 'USD', 'minorUnits': 1999},
     'card': {'expiry': '08/28', 'lastFour': '4444'}}, expect=201)
call('POST', f'/api/subjects/{subject}/purchases', body={'item': 'Event ticket', 'amount': {'currency': 'USD', 'minorUnits': 1999},
     'card': {'expiry': '08/28', 'lastFour': '4111 1111 1111 1111'}}, expect=422)
call('POST', f'/api/subjects/{uuid.uuid4()}/purchases', body={'item': 'Event ticket', 'amount': {'currency': 'USD', 'minorUnits': 1},
     'card': {'expiry': '08/28', 'lastFour': '4444'}}, expect=404)
call('POST', f'/api/subjects/{subject}/profile', body={'postalAddress': '1 Infinite Loop, Cupertino'}, expect=204)
call('POST', f'/api/subjects/{subject}/consents', body={'type': 'SENSITIVE_PERSONAL_INFORMATION', 'grantedBy': 'SUBJECT',
     'evidenceReference': 'form-7'}, expect=204)
call('POST', f'/api/subjects/{subject}/sensitive-information', body={'itemId': 'h-1', 'category': 'HEALTH', 'content': 'allergy'}, expect=204)
call('DELETE', f'/api/subjects/{subject}/consents/SENSITIVE_PERSONAL_INFORMATION', expect=204)
call('POST', f'/api/subjects/{subject}/sale-sharing-opt-out', body={'channel': 'WEB_FORM'}, expect=204)
call('POST', f'/api/subjects/{subject}/provisions', body={'provisionId': 'p-1', 'recipient': {'organisationName': 'Mailer Inc',
     'country': 'US', 'category': 'SERVICE_PROVIDER', 'equivalentSystem': True}, 'categories': ['A'], 'saleOrSharing': False,
     'contractRecord': False, 'providedOn': NOW.date().isoformat()}, expect=201)
call('POST', f'/api/subjects/{subject}/receipts', body={'receiptId': 'r-1', 'provider': {'organisationName': 'Partner KK',
     'country': 'JP', 'category': 'CORPORATE_AFFILIATE', 'equivalentSystem': True}, 'backgroundOfAcquisition': 'sign-up referral',
     'categories': ['A'], 'contractRecord': False, 'receivedOn': NOW.date().isoformat()}, expect=201)
call('POST', '/api/activity', body={'activities': [{'subjectId': subject, 'occurredAt': iso(NOW), 'kind': 'ADVERTISEMENT',
     'action': 'clicked', 'target': 'ad-summer-sale', 'region': 'US-CA'}]}, expect=200)
call('POST', f'/api/subjects/{subject}/communications', body={'kind': 'INQUIRY', 'occurredAt': iso(NOW), 'topic': 'billing',
     'content': 'Why was I charged twice?'}, expect=201)
call('POST', f'/api/subjects/{subject}/inferences', body={'characteristic': 'interest', 'value': 'concerts', 'drawnFrom': ['D'],
     'sources': ['period'], 'inferredBy': 'recommender'}, expect=201)

# --- a request from intake to fulfilment ---------------------------------------------------------------------------
request = call('POST', f'/api/subjects/{subject}/privacy-requests', body={'type': 'know-specific-pieces', 'requester': 'SUBJECT',
               'channel': 'WEB_FORM'}, expect=201)['requestId']
call('POST', f'/api/subjects/{subject}/privacy-requests', body={'type': 'disclosure', 'requester': 'SUBJECT', 'channel': 'WEB_FORM'}, expect=422)
call('POST', f'/api/subjects/{subject}/privacy-requests/{request}/acknowledgement', user='staff', expect=204)
call('POST', f'/api/subjects/{subject}/privacy-requests/{request}/fulfilment', user='staff', body={'responseReference': 'x'}, expect=409)
call('POST', f'/api/subjects/{subject}/privacy-requests/{request}/identity-verification', user='staff',
     body={'method': 'AUTHENTICATED_SESSION'}, expect=204)
call('POST', f'/api/subjects/{subject}/privacy-requests/{request}/fee', user='staff', body={'settlement': 'WAIVED'}, expect=409)
call('POST', f'/api/subjects/{subject}/privacy-requests/{request}/extension', user='staff', body={'reason': 'COMPLEXITY',
     'noticeSentOn': NOW.astimezone(zoneinfo.ZoneInfo('America/Los_Angeles')).date().isoformat(),
     'noticeReference': 'notice-1'}, expect=204)
call('GET', f'/api/subjects/{subject}/access-report', user='staff', expect=200)
call('GET', f'/api/subjects/{subject}/access-report?page=1', user='staff', expect=200)
call('GET', f'/api/subjects/{subject}/access-report?page=1000', user='staff', expect=400)
call('GET', f'/api/subjects/{subject}/portability-export?asOf={iso(NOW + datetime.timedelta(days=2))}', user='staff', expect=422)
call('POST', '/api/subject-searches', user='staff', body={'email': ' Casey@Example.com '}, expect=200)
call('POST', '/api/subject-searches', user='staff', body={'email': 'not-an-address'}, expect=400)
call('GET', '/api/privacy-requests/overview', user='staff', expect=200)
call('GET', f'/api/subjects/{subject}/access-report?asOf={iso(NOW + datetime.timedelta(days=2))}', user='staff', expect=422)
call('GET', f'/api/subjects/{subject}/access-report/activity', user='staff', accept='application/x-ndjson', expect=200)
call('GET', f'/api/subjects/{subject}/portability-export', user='staff', expect=200)
call('POST', f'/api/subjects/{subject}/privacy-requests/{request}/fulfilment', user='staff', body={'responseReference': 'portal-1'}, expect=204)
call('GET', '/api/privacy-requests?state=all', user='staff', expect=200)
call('GET', '/api/privacy-requests?state=nonsense', user='staff', expect=422)
call('GET', f'/api/privacy-requests/{request}', user='staff', expect=200, settle=True)
call('GET', f'/api/privacy-requests/{uuid.uuid4()}', user='staff', expect=404)
correction = call('POST', f'/api/subjects/{subject}/privacy-requests', body={'type': 'correction', 'requester': 'SUBJECT',
                  'channel': 'WEB_FORM'}, expect=201)['requestId']
call('POST', f'/api/subjects/{subject}/privacy-requests/{correction}/identity-verification', user='staff',
     body={'method': 'AUTHENTICATED_SESSION'}, expect=204)
call('POST', f'/api/subjects/{subject}/privacy-requests/{correction}/correction', user='staff', body={'email': 'casey.r@example.com'}, expect=204)
call('GET', f'/api/subjects/{subject}/privacy-requests/{correction}/correction', user='staff', expect=200, settle=True)
call('GET', '/api/processor-corrections', user='email-delivery', expect=200)
deletion = call('POST', f'/api/subjects/{subject}/privacy-requests', body={'type': 'deletion', 'requester': 'SUBJECT',
                'channel': 'WEB_FORM'}, expect=201)['requestId']
call('POST', f'/api/subjects/{subject}/privacy-requests/{deletion}/denial', user='staff', body={'reason': 'UNVERIFIABLE_IDENTITY'}, expect=204)
call('POST', f'/api/subjects/{subject}/privacy-requests/{deletion}/processor-confirmations', user='email-delivery',
     body={'reference': 'del-1'}, expect=404)
call('GET', '/api/processor-deletions', user='email-delivery', expect=200)
call('GET', '/api/processor-deletions?processor=another', user='email-delivery', expect=403)
call('GET', f'/api/request-metrics?year={NOW.year}', user='auditor', expect=200)
call('GET', f'/api/request-metrics?year={NOW.year}', user='auditor', accept='text/csv', expect=200)
call('GET', '/api/request-metrics', user='auditor', expect=400)

# --- holds, termination, shredding, evidence -----------------------------------------------------------------------
hold = call('POST', f'/api/subjects/{subject}/legal-holds', user='staff', body={'retentionClasses': ['FINANCIAL'],
            'caseReference': 'case-2026-0193'}, expect=201)['holdId']
call('POST', f'/api/subjects/{subject}/termination', body={'reason': 'SUBJECT_REQUEST'}, headers={'Sec-GPC': '1'}, expect=204)
call('POST', f'/api/subjects/{subject}/termination', body={'reason': 'SUBJECT_REQUEST'}, expect=409)
call('POST', f'/api/subjects/{subject}/shredding', user='staff', body={'retentionClasses': ['PROFILE', 'COMMUNICATIONS', 'USAGE'],
     'reason': 'ERASURE_REQUEST', 'reference': 'req-2026-0042'}, expect=200)
call('DELETE', f'/api/subjects/{subject}/legal-holds/{hold}', user='staff', expect=204)
call('DELETE', f'/api/subjects/{subject}/legal-holds/{hold}', user='staff', expect=404)
call('GET', f'/api/subjects/{subject}', user='staff', expect=200, settle=True)
call('GET', f'/api/subjects/{uuid.uuid4()}', user='staff', expect=404)
call('GET', '/api/subjects?jurisdiction=US-CA&status=TERMINATED&page=0&size=20', user='staff', expect=200)
call('GET', f'/api/subjects/{subject}/deletion-evidence', user='auditor', expect=200, settle=True)
tw = call('POST', '/api/subjects', body={'jurisdiction': 'TW', 'name': 'Lin Mei', 'dateOfBirth': '1990-02-02',
          'email': 'lin@example.com'}, expect=201)['subjectId']
call('POST', f'/api/subjects/{tw}/retention-exceptions', user='staff', body={'retentionClasses': ['FINANCIAL'],
     'ground': 'SPECIAL_PROVISION_OF_LAW', 'justificationReference': 'tax-act-art-11', 'reviewBy': '2027-12-31'}, expect=422)
child = call('POST', '/api/subjects', body={'jurisdiction': 'JP', 'name': 'Kid', 'dateOfBirth': '2020-01-01',
             'email': 'kid@example.com'}, expect=422)
call('POST', f'/api/subjects/{tw}/underage-findings', user='staff', body={'findingReference': 'finding-1'}, expect=204)

# --- purpose changes, breaches -------------------------------------------------------------------------------------
change = 'change-' + uuid.uuid4().hex[:8]
call('POST', '/api/purpose-changes', user='staff', body={'changeId': change, 'purposes': ['IMPROVE_AND_DEVELOP'], 'categories': ['D'],
     'effectiveOn': NOW.date().isoformat(), 'noticeReference': 'notice-2026'}, expect=201)
call('GET', '/api/purpose-changes', user='staff', expect=200)
call('GET', f'/api/purpose-changes/{change}/notices', user='service', expect=200, settle=True)
call('GET', '/api/purpose-changes/unknown/notices', user='service', expect=404)
call('POST', f'/api/subjects/{subject}/purpose-change-notices/{change}', body={'channel': 'EMAIL'}, expect=404)
breach = call('POST', '/api/breaches', user='staff', body={'awareAt': iso(NOW - datetime.timedelta(hours=1)),
              'summaryReference': 'incident-2026-11', 'facts': {'affectedByJurisdiction': {'JP': 1200, 'EU': 40, 'TW': 5},
              'categories': ['A', 'D'], 'sensitive': False, 'financialDamageRisk': False, 'malicious': True,
              'encryptedKeySafe': False}}, expect=201)['breachId']
call('POST', f'/api/breaches/{breach}/assessment', user='staff', body={'risk': 'HIGH', 'assessmentReference': 'a-1'}, expect=204)
call('POST', f'/api/breaches/{breach}/clarification', user='staff', body={'clarifiedAt': iso(NOW)}, expect=204)
duty = call('GET', f'/api/breaches/{breach}', user='staff', expect=200, settle=True)['duties'][0]['dutyId']
call('POST', f'/api/breaches/{breach}/notifications', user='staff', body={'dutyId': duty, 'reference': 'sent-1'}, expect=204)
call('POST', f'/api/breaches/{breach}/notifications', user='staff', body={'dutyId': 'no-such-duty'}, expect=404)
call('POST', f'/api/breaches/{breach}/closure', user='staff', body={'reference': 'close-1'}, expect=409)
call('POST', f'/api/breaches/{uuid.uuid4()}/closure', user='staff', body={'reference': 'close-1'}, expect=404)
call('GET', '/api/breaches?state=all', user='staff', expect=200)
call('GET', '/api/provision-records', user='staff', expect=200)

# --- auditors and operators ----------------------------------------------------------------------------------------
call('GET', f'/api/audit/subjects/{subject}/events', user='auditor', expect=200)
call('GET', f'/api/audit/subjects/{subject}/events?page=1&size=2', user='auditor', expect=200)
call('GET', f'/api/audit/subjects/{subject}/as-of?at={iso(NOW)}', user='auditor', expect=200)
call('GET', '/api/audit/events?after=-1&size=100', user='auditor', expect=200)
call('GET', '/api/audit/export', user='auditor', accept='application/x-ndjson', expect=200)
call('GET', '/api/audit/access-log', user='auditor', expect=200)
call('GET', '/api/admin/processors', user='admin', expect=200)
call('GET', '/api/admin/processors/subject-summary', user='admin', expect=200)
call('GET', '/api/admin/processors/none', user='admin', expect=404)
call('POST', '/api/admin/processors/subject-summary/rebuild', user='admin', expect=202)
call('GET', '/api/admin/key-vault', user='admin', expect=200)
call('POST', '/api/admin/key-vault/rotation', user='admin', expect=200)
call('GET', '/api/admin/dead-letters', user='admin', expect=200)
call('GET', '/api/admin/dead-letters/subject-summary', user='admin', expect=200)
call('POST', '/api/admin/dead-letters/subject-summary/retry', user='admin', expect=200)
call('DELETE', f'/api/admin/dead-letters/subject-summary/{uuid.uuid4()}', user='admin', expect=404)
call('GET', '/api/admin/overdue-deadlines', user='admin', expect=200)
call('POST', '/api/admin/overdue-deadlines/retry', user='admin', expect=200)
call('GET', '/api/admin/key-vault', user='staff', expect=403)
call('GET', f'/api/subjects/{subject}', user='staff', accept='text/csv', expect=406)
# --- adopting existing accounts: one line adopted, one refused for a full card number --------------------------------
adopted = {'accountRef': f'crm:{uuid.uuid4()}', 'jurisdiction': 'US-CA', 'registeredOn': '2021-03-14', 'name': 'Mina Park',
           'dateOfBirth': '1988-09-02', 'email': 'mina.park@example.com',
           'socialLogins': [{'provider': 'google', 'externalId': 'g-5521', 'linkedOn': '2022-01-09'}],
           'purchases': [{'purchaseId': str(uuid.uuid4()), 'item': 'Annual plan', 'amount': {'currency': 'USD', 'minorUnits': 9900},
                          'card': {'expiry': '08/29', 'lastFour': '4242'}, 'purchasedOn': '2026-05-02'}],
           'consents': [{'type': 'FOREIGN_THIRD_PARTY_PROVISION', 'grantedBy': 'SUBJECT', 'grantedOn': '2021-03-14'}]}
refused = dict(adopted, accountRef=f'crm:{uuid.uuid4()}', purchases=[dict(adopted['purchases'][0], purchaseId=str(uuid.uuid4()),
               item='card 4111111111111111')])
account_import = call('POST', '/api/imports', expect=201)['importId']
call('PUT', f'/api/imports/{account_import}/accounts', raw=(json.dumps(adopted) + '\n' + json.dumps(refused) + '\n').encode(),
     content_type='application/x-ndjson', expect=200)
call('GET', f'/api/imports/{account_import}', expect=200)
call('GET', f'/api/imports/{account_import}/errors', expect=200)
call('GET', f'/api/imports/{uuid.uuid4()}', expect=404)
call('POST', '/api/imports', user='staff', expect=403)

documented = {(method, path) for path, item in SPEC['paths'].items() for method in item}
missing = sorted(documented - called)
print(f'\n{requests} requests, {len(called)} of {len(documented)} operations called, {len(violations)} answers breaking '
      f'the description, {len(wrong_requests)} findings on requests sent wrong on purpose, {len(unexpected)} unexpected statuses')
for method, path in missing:
    print(f'never called: {method.upper()} {path}')
for violation in violations:
    print('answer breaks the description:', *violation)
for violation in wrong_requests:
    print('request flagged (sent wrong on purpose):', *violation)
for method, path, status, expect in unexpected:
    print(f'unexpected status: {method} {path} answered {status}, expected {expect}')
sys.exit(1 if missing or violations or unexpected else 0)
