package io.reductor.samples;

/** Runs README's virtual-time example as it is printed there (see {@link ReadmeSnippets.AwaitInVirtualTime}). */
class ReadmeVirtualTimeTest extends ReadmeSnippets.AwaitInVirtualTime {
}
