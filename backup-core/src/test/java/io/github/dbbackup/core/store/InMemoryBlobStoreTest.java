package io.github.dbbackup.core.store;

import io.github.dbbackup.core.spi.BlobStore;
import io.github.dbbackup.core.spi.BlobStoreContract;

class InMemoryBlobStoreTest extends BlobStoreContract {

    @Override
    protected BlobStore newStore() {
        return new InMemoryBlobStore();
    }
}
