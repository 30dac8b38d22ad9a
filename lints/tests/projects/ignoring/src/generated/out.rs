fn excluded_by_config( {
