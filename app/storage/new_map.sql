-- The schema of a new .ecomap file: the tables Ecomap's Alembic migrations build, up to
-- the newest (file_format.HEAD). tests/test_storage.py holds this file to them; after
-- adding a migration, write it afresh from a file the migrations made:
--     SELECT sql || ';' FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid
CREATE TABLE alembic_version (
	version_num VARCHAR(32) NOT NULL, 
	CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);
CREATE TABLE map (
	id INTEGER NOT NULL, 
	name TEXT NOT NULL, 
	description TEXT DEFAULT '' NOT NULL, 
	goals JSON NOT NULL, 
	settings JSON NOT NULL, 
	PRIMARY KEY (id)
);
CREATE TABLE category (
	"key" VARCHAR(40) NOT NULL, 
	name TEXT NOT NULL, 
	color VARCHAR(7) NOT NULL, 
	shape VARCHAR(20) NOT NULL, 
	position INTEGER NOT NULL, 
	PRIMARY KEY ("key")
);
CREATE TABLE node (
	pk INTEGER NOT NULL, 
	ext_id TEXT NOT NULL, 
	label TEXT NOT NULL, 
	category VARCHAR(40) NOT NULL, 
	kind TEXT DEFAULT '' NOT NULL, 
	informal BOOLEAN DEFAULT 0 NOT NULL, 
	reach INTEGER, 
	x FLOAT, 
	y FLOAT, 
	tags JSON NOT NULL, 
	description TEXT DEFAULT '' NOT NULL, 
	attributes JSON NOT NULL, 
	PRIMARY KEY (pk), 
	UNIQUE (ext_id), 
	FOREIGN KEY(category) REFERENCES category ("key")
);
CREATE TABLE edge (
	pk INTEGER NOT NULL, 
	ext_id TEXT NOT NULL, 
	source INTEGER NOT NULL, 
	target INTEGER NOT NULL, 
	kind TEXT DEFAULT '' NOT NULL, 
	strength INTEGER DEFAULT '3' NOT NULL, 
	directed BOOLEAN DEFAULT 1 NOT NULL, 
	note TEXT DEFAULT '' NOT NULL, 
	PRIMARY KEY (pk), 
	UNIQUE (ext_id), 
	FOREIGN KEY(source) REFERENCES node (pk), 
	FOREIGN KEY(target) REFERENCES node (pk)
);
CREATE TABLE snapshot (
	pk INTEGER NOT NULL, 
	name TEXT NOT NULL, 
	taken_at TEXT NOT NULL, 
	data JSON NOT NULL, note TEXT DEFAULT '' NOT NULL, 
	PRIMARY KEY (pk)
);
CREATE INDEX ix_edge_source ON edge (source);
CREATE INDEX ix_edge_target ON edge (target);
