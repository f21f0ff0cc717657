// whosaid through a real driver (node-postgres): bind parameters for the
// functions, the types and the tracked tables, and the binary (send/recv) form
// of actorvec and actorquery. Connects with the usual PGHOST/PGPORT/PGUSER
// environment, works in a database of its own and drops it at the end.
//
//   cd test/node && npm install && node --test
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { Client } = require('pg');

const DB = `whosaid_node_${process.pid}`;
const ARTICLES = [
	[1, '"We will win," said Sheryl Sandberg, the chief operating officer of Facebook.'],
	[2, '"It is too early to tell," said Andrew Parker, the director general of MI5.'],
	[3, 'The weather was mild in London on Tuesday.'],
];

let admin;
let db;

before(async () => {
	admin = new Client({ database: process.env.PGDATABASE || 'postgres' });
	await admin.connect();
	await admin.query(`DROP DATABASE IF EXISTS ${DB}`);
	await admin.query(`CREATE DATABASE ${DB}`);
	db = new Client({ database: DB });
	await db.connect();
	await db.query('CREATE EXTENSION whosaid');
});

after(async () => {
	if (db) await db.end();
	if (admin) {
		await admin.query(`DROP DATABASE IF EXISTS ${DB}`);
		await admin.end();
	}
});

async function hasType(name) {
	const r = await db.query('SELECT to_regtype($1) IS NOT NULL AS ok', [name]);
	return r.rows[0].ok;
}

// COPY ... TO STDOUT (FORMAT binary) through a minimal submittable: the
// driver hands COPY data over as raw bytes, unlike DataRow fields (below).
function copyOut(client, sql) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		let error = null;
		client.query({
			submit(connection) { connection.query(sql); },
			handleCopyData(msg) { chunks.push(msg.chunk); },
			handleCommandComplete() {},
			handleRowDescription() {},
			handleDataRow() {},
			handleEmptyQuery() {},
			handleError(err) { error = err; },
			handleReadyForQuery() {
				if (error) reject(error); else resolve(Buffer.concat(chunks));
			},
		});
	});
}

// The values of the single column of a binary COPY stream: each is exactly
// what the type's send function wrote.
function binaryCopyValues(buf) {
	const signature = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
	assert.ok(buf.subarray(0, 11).equals(signature), 'binary COPY signature');
	let off = 11 + 4;
	off += 4 + buf.readUInt32BE(off);	// header extension
	const values = [];
	for (;;) {
		const fields = buf.readInt16BE(off);
		off += 2;
		if (fields === -1) break;
		assert.equal(fields, 1);
		const len = buf.readInt32BE(off);
		off += 4;
		values.push(len === -1 ? null : buf.subarray(off, off + len));
		off += Math.max(len, 0);
	}
	return values;
}

test('whosaid.quotes($1) with a bound text parameter', async () => {
	const r = await db.query(
		'SELECT n, kind, content, speaker, lower(content_span) AS cb FROM whosaid.quotes($1) ORDER BY n',
		[ARTICLES[0][1]]);
	assert.ok(r.rows.length >= 1, 'one quote at least');
	assert.match(r.rows[0].content, /We will win/);
	assert.match(r.rows[0].speaker, /Sandberg/);
	assert.equal(typeof r.rows[0].n, 'number');
	// the span is in characters, 1-based: the content starts right after the opening mark
	assert.equal(ARTICLES[0][1].slice(r.rows[0].cb - 1).startsWith('We will win'), true);
});

test('prepared statement reused with different parameters', async () => {
	const q = { name: 'quotes_of', text: 'SELECT count(*)::int AS n FROM whosaid.quotes($1)' };
	const counts = [];
	for (const [, body] of ARTICLES) {
		counts.push((await db.query({ ...q, values: [body] })).rows[0].n);
	}
	assert.ok(counts[0] >= 1 && counts[1] >= 1);
	assert.equal(counts[2], 0);
	// NULL in, no rows out (STRICT)
	assert.equal((await db.query({ ...q, values: [null] })).rows[0].n, 0);
});

test('tracked table: insert with parameters, read the who-said-what view', async () => {
	assert.ok((await db.query("SELECT to_regproc('whosaid.actors') IS NOT NULL AS ok")).rows[0].ok,
		'whosaid.actors() is installed');
	await db.query('CREATE TABLE articles (id int PRIMARY KEY, published timestamptz NOT NULL, body text)');
	await db.query("SELECT whosaid.track('articles')");
	for (const [id, body] of ARTICLES) {
		await db.query('INSERT INTO articles VALUES ($1, $2, $3)', [id, new Date(Date.UTC(2024, 4, id)), body]);
	}
	const r = await db.query(
		'SELECT id, published, speaker FROM articles_who_said_what WHERE speaker ~ $1 ORDER BY id, n',
		['Parker']);
	assert.equal(r.rows.length, 1);
	assert.equal(r.rows[0].id, 2);
	assert.ok(r.rows[0].published instanceof Date);
	assert.equal(r.rows[0].published.toISOString(), '2024-05-02T00:00:00.000Z');
	const top = await db.query('SELECT speaker, quotes FROM whosaid.top_speakers($1::regclass, top => $2)',
		['articles', 5]);
	assert.ok(top.rows.length >= 2);
	assert.equal(top.rows[0].quotes, '1');	// bigint comes back as a string
});

test('WHERE actors @@ $1::whosaid.actorquery on a generated column', async () => {
	assert.ok(await hasType('whosaid.actorvec'), 'whosaid.actorvec is installed');
	await db.query(`CREATE TABLE docs (id int PRIMARY KEY, body text,
		actors whosaid.actorvec GENERATED ALWAYS AS (whosaid.to_actorvec(body)) STORED)`);
	await db.query('CREATE INDEX ON docs USING gin (actors)');
	for (const [id, body] of ARTICLES) {
		await db.query('INSERT INTO docs (id, body) VALUES ($1, $2)', [id, body]);
	}
	const sql = 'SELECT id FROM docs WHERE actors OPERATOR(whosaid.@@) $1::whosaid.actorquery ORDER BY id';
	assert.deepEqual((await db.query(sql, ['Sandberg'])).rows.map((r) => r.id), [1]);
	assert.deepEqual((await db.query(sql, ['"Sheryl Sandberg"'])).rows.map((r) => r.id), [1]);
	assert.deepEqual((await db.query(sql, ['Sandberg | Parker'])).rows.map((r) => r.id), [1, 2]);
	assert.deepEqual((await db.query(sql, ['Sandberg & Parker'])).rows.map((r) => r.id), []);
	// the README's form: the function, with an untyped parameter, default search_path
	const readme = 'SELECT id FROM docs WHERE whosaid.matches(actors, $1) ORDER BY id';
	assert.deepEqual((await db.query(readme, ['"Sheryl Sandberg"'])).rows.map((r) => r.id), [1]);
	assert.deepEqual((await db.query(readme, ['Sandberg | Parker'])).rows.map((r) => r.id), [1, 2]);
	// a malformed query is an error that says where, and the connection survives
	await assert.rejects(db.query(sql, ['Sandberg & (']), /actorquery/);
	assert.equal((await db.query('SELECT 1 AS one')).rows[0].one, 1);
});

for (const [type, source] of [
	['actorvec', 'SELECT whosaid.to_actorvec(body) AS v FROM (VALUES ($1), ($2), ($3)) d(body)'],
	['actorquery', "SELECT v::whosaid.actorquery AS v FROM (VALUES ('Sandberg'), ('\"Sheryl Sandberg\" & !org:MI5'), ('speaker:Parker | place:London')) d(v)"],
]) {
	test(`${type}: binary results decode through send and go back through recv`, async (t) => {
		assert.ok(await hasType(`whosaid.${type}`), `whosaid.${type} is installed`);
		const params = type === 'actorvec' ? ARTICLES.map((a) => a[1]) : [];
		await db.query(`CREATE TEMP TABLE bin_${type} AS ${source}`, params);
		const texts = (await db.query(`SELECT v::text AS t FROM bin_${type}`)).rows.map((r) => r.t);

		// 1. The exact bytes of send(), via binary COPY, equal what the send function returns.
		const copied = binaryCopyValues(
			await copyOut(db, `COPY (SELECT v FROM bin_${type}) TO STDOUT (FORMAT binary)`));
		assert.equal(copied.length, texts.length);
		const sent = (await db.query(`SELECT whosaid.${type}_send(v) AS b FROM bin_${type}`)).rows;
		sent.forEach((r, i) => assert.ok(r.b.equals(copied[i]), `send bytes of row ${i + 1}`));

		// 2. Those bytes as a binary parameter go through recv and come back equal.
		for (let i = 0; i < copied.length; i++) {
			const r = await db.query(`SELECT $1::whosaid.${type}::text AS t`, [copied[i]]);
			assert.equal(r.rows[0].t, texts[i], `recv(send(v)) = v for row ${i + 1}`);
		}

		// 3. A binary result row through the driver's types option. node-postgres 8
		//    reads DataRow fields as UTF-8 text before handing binary fields over as a
		//    Buffer, so the bytes survive only when they happen to be valid UTF-8.
		const raw = await db.query({
			text: `SELECT v FROM bin_${type}`,
			binary: true,
			queryMode: 'extended',	// binary results need the extended protocol
			types: { getTypeParser: (oid, format) => (format === 'binary' ? (b) => b : (s) => s) },
		});
		raw.rows.forEach((r, i) => {
			assert.ok(Buffer.isBuffer(r.v));
			if (Buffer.from(copied[i].toString('utf8'), 'utf8').equals(copied[i])) {
				assert.ok(r.v.equals(copied[i]), `binary result of row ${i + 1}`);
			} else {
				t.diagnostic(`row ${i + 1}: send bytes are not valid UTF-8, node-postgres cannot pass them through a DataRow`);
			}
		});

		// 4. Garbage in recv is an error, not a crash.
		await assert.rejects(db.query(`SELECT $1::whosaid.${type}::text`, [Buffer.from([0xff, 0x00, 0x13, 0x37])]));
		assert.equal((await db.query('SELECT 1 AS one')).rows[0].one, 1);
	});
}
