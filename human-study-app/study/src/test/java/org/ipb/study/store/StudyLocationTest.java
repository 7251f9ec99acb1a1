package org.ipb.study.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Known answers for what users pass to {@code --db}. */
class StudyLocationTest {
    @Test
    void aFileWithOrWithoutTheSuffixIsOneDatabase(@TempDir Path tmp) {
        String base = tmp.resolve("runs/study.db").toString();
        StudyLocation bare = StudyLocation.parse(base);
        StudyLocation suffixed = StudyLocation.parse(base + ".mv.db");
        String url = "jdbc:h2:file:" + base + ";AUTO_SERVER=TRUE;WRITE_DELAY=0";
        assertEquals(url, bare.jdbcUrl());
        assertEquals(url, suffixed.jdbcUrl());
        assertEquals(Path.of(base + ".mv.db"), ((StudyLocation.FileDb) bare).mvDbFile());
        assertEquals(Path.of(base + ".mv.db"), ((StudyLocation.FileDb) suffixed).mvDbFile());
        assertFalse(bare.remote());
        assertEquals(base, bare.display(), "shown as the user wrote it");
        assertEquals(base + ".mv.db", suffixed.display());
        assertEquals(Path.of(base), bare.path());
    }

    @Test
    void aRelativeFileGetsAnAbsoluteUrl() {
        StudyLocation loc = StudyLocation.parse("study.db");
        assertEquals("jdbc:h2:file:" + Path.of("study.db").toAbsolutePath() + ";AUTO_SERVER=TRUE;WRITE_DELAY=0",
                loc.jdbcUrl());
        assertEquals("study.db", loc.display());
    }

    @Test
    void aFileExistsWhenItsMvDbFileDoes(@TempDir Path tmp) throws Exception {
        Path db = tmp.resolve("j.db");
        assertFalse(StudyLocation.of(db).exists());
        Files.writeString(db, "not a database");
        assertFalse(StudyLocation.of(db).exists(), "a file without the suffix is not H2's");
        JudgmentStore.open(db).close();
        assertTrue(Files.isRegularFile(tmp.resolve("j.db.mv.db")));
        assertTrue(StudyLocation.of(db).exists());
        assertTrue(StudyLocation.of(tmp.resolve("j.db.mv.db")).exists());
        assertFalse(StudyLocation.of(tmp).exists(), "a folder is no database");
    }

    @Test
    void aTcpUrlNamesADatabaseOnAServer() {
        StudyLocation loc = StudyLocation.parse("tcp://lab-pc:9092/study.db");
        assertInstanceOf(StudyLocation.TcpDb.class, loc);
        assertEquals(new StudyLocation.TcpDb("lab-pc:9092/study.db"), loc);
        assertEquals("jdbc:h2:tcp://lab-pc:9092/study.db;IFEXISTS=TRUE", loc.jdbcUrl());
        assertEquals("tcp://lab-pc:9092/study.db", loc.display());
        assertTrue(loc.remote());
        assertTrue(loc.exists(), "the server answers for it when connecting");
    }

    @Test
    void aTcpUrlThatWentThroughAPathIsStillOne() {
        Path collapsed = Path.of("tcp://lab-pc:9092/study.db");
        assertEquals("tcp:/lab-pc:9092/study.db", collapsed.toString());
        StudyLocation loc = StudyLocation.of(collapsed);
        assertEquals(StudyLocation.parse("tcp://lab-pc:9092/study.db"), loc);
        assertEquals("tcp://lab-pc:9092/study.db", loc.display());
        assertEquals(collapsed, loc.path());
        assertTrue(JudgmentStore.isRemote(collapsed.toString()));
        assertEquals(loc.jdbcUrl(), JudgmentStore.url(collapsed));
    }

    @Test
    void fileNeverReadsATcpPrefix() {
        StudyLocation.FileDb f = StudyLocation.file(Path.of("a/b"));
        assertFalse(f.remote());
        assertEquals(Path.of("a/b.mv.db"), f.mvDbFile());
    }
}
