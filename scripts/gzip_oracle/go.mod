module charta.local/gzip_oracle

go 1.22
