fn outside( {
