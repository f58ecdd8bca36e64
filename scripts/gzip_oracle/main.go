// Command gzip_oracle compresses stdin with Go's compress/gzip (or raw
// compress/flate) and writes the result to stdout, so charta's tests can
// compare its compressor with Go's byte for byte.
//
// Flags choose the level, the gzip header fields and how the input is cut
// into Write calls (and whether Flush follows each one).
package main

import (
	"compress/flate"
	"compress/gzip"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"
)

func main() {
	level := flag.Int("level", -1, "compression level, -2..9")
	raw := flag.Bool("raw", false, "write raw DEFLATE instead of gzip")
	extraHex := flag.String("extra-hex", "", "gzip Extra field, hex")
	hasExtra := flag.Bool("extra", false, "set the Extra field even when -extra-hex is empty")
	comment := flag.String("comment", "", "gzip Comment")
	name := flag.String("name", "", "gzip Name")
	modTime := flag.Int64("modtime", 0, "gzip ModTime in Unix seconds (0: zero time)")
	osByte := flag.Int("os", 255, "gzip OS byte")
	chunks := flag.String("chunks", "", "comma-separated Write sizes, repeated cyclically (default: one Write)")
	flush := flag.Bool("flush", false, "Flush after every Write")
	flag.Parse()

	input, err := io.ReadAll(os.Stdin)
	if err != nil {
		fail(err)
	}
	var sizes []int
	if *chunks != "" {
		for _, s := range strings.Split(*chunks, ",") {
			n, err := strconv.Atoi(s)
			if err != nil || n < 0 {
				fail(fmt.Errorf("bad chunk size %q", s))
			}
			sizes = append(sizes, n)
		}
		total := 0
		for _, n := range sizes {
			total += n
		}
		if total == 0 {
			fail(fmt.Errorf("chunk sizes must not all be zero"))
		}
	}

	type writer interface {
		io.Writer
		Flush() error
		Close() error
	}
	var w writer
	if *raw {
		fw, err := flate.NewWriter(os.Stdout, *level)
		if err != nil {
			fail(err)
		}
		w = fw
	} else {
		zw, err := gzip.NewWriterLevel(os.Stdout, *level)
		if err != nil {
			fail(err)
		}
		if *hasExtra || *extraHex != "" {
			extra, err := hex.DecodeString(*extraHex)
			if err != nil {
				fail(err)
			}
			zw.Extra = extra
		}
		zw.Comment = *comment
		zw.Name = *name
		if *modTime != 0 {
			zw.ModTime = time.Unix(*modTime, 0)
		}
		zw.OS = byte(*osByte)
		w = zw
	}

	write := func(p []byte) {
		if _, err := w.Write(p); err != nil {
			fail(err)
		}
		if *flush {
			if err := w.Flush(); err != nil {
				fail(err)
			}
		}
	}
	if len(sizes) == 0 {
		write(input)
	} else {
		for i := 0; len(input) > 0; i++ {
			n := min(sizes[i%len(sizes)], len(input))
			write(input[:n])
			input = input[n:]
		}
	}
	if err := w.Close(); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "gzip_oracle:", err)
	os.Exit(2)
}
